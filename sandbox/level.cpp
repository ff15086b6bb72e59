// Probing for namespace support in a throwaway child, so the answer costs the caller nothing.
#include "sandbox/level.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace assay::sandbox {

namespace {

// Exit codes of the probe child: which step was refused. The errno travels in a pipe.
enum ProbeResult { kOk = 0, kNoUser = 1, kNoOther = 2, kNoNet = 3 };

SandboxLevel run_probe() {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) return {IsolationLevel::none, std::string("cannot probe: ") + std::strerror(errno)};
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(p[0]);
    ::close(p[1]);
    return {IsolationLevel::none, std::string("cannot probe: fork: ") + std::strerror(errno)};
  }
  if (pid == 0) {
    // Async-signal-safe only: the caller may be multithreaded.
    auto fail = [&](int code) {
      int e = errno;
      (void)!::write(p[1], &e, sizeof e);
      ::_exit(code);
    };
    if (::unshare(CLONE_NEWUSER) != 0) fail(kNoUser);
    if (::unshare(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS) != 0) fail(kNoOther);
    if (::unshare(CLONE_NEWNET) != 0) fail(kNoNet);
    ::_exit(kOk);
  }
  ::close(p[1]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  int err = 0;
  if (::read(p[0], &err, sizeof err) != sizeof err) err = 0;
  ::close(p[0]);
  std::string why = err ? std::strerror(err) : "unknown error";
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  switch (code) {
    case kOk: return {IsolationLevel::full, ""};
    case kNoNet:
      return {IsolationLevel::partial,
              "no network namespace (" + why + "): the target shares the host's network, no fake network"};
    case kNoOther:
      return {IsolationLevel::none, "mount/pid/ipc/uts namespaces refused (" + why + ")"};
    case kNoUser:
      return {IsolationLevel::none, "user namespaces refused (" + why + "); check `unshare -Urn true`"};
    default: return {IsolationLevel::none, "the namespace probe crashed"};
  }
}

}  // namespace

const char* to_string(IsolationLevel level) {
  switch (level) {
    case IsolationLevel::full: return "full";
    case IsolationLevel::partial: return "partial";
    case IsolationLevel::none: return "none";
  }
  return "none";
}

std::string describe(const SandboxLevel& l) {
  if (l.reason.empty()) return to_string(l.level);
  return std::string(to_string(l.level)) + ": " + l.reason;
}

SandboxLevel probe_sandbox_level() {
  static const SandboxLevel cached = run_probe();
  return cached;
}

}  // namespace assay::sandbox
