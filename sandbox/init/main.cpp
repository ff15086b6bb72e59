// mcp-assay-sandbox-init: pid 1 of a sandbox. Builds the filesystem view and the fake network
// inside the namespaces the supervisor created, starts the target, reaps, and dies with it.
#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sandbox/control_channel.h"
#include "sandbox/init/init_loop.h"
#include "sandbox/init/network_setup.h"
#include "sandbox/init/target_launch.h"
#include "sandbox/init_config.h"
#include "sandbox/mounts.h"
#include "sandbox/namespaces.h"

using namespace assay::sandbox;

namespace {

constexpr std::size_t kMaxConfigBytes = 256 << 20;

std::string read_config(int fd) {
  std::string bytes;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::system_error(errno, std::generic_category(), "read configuration");
    if (n == 0) return bytes;
    bytes.append(buf, static_cast<std::size_t>(n));
    if (bytes.size() > kMaxConfigBytes) throw std::runtime_error("configuration too large");
  }
}

void report_failure(const std::string& what) {
  try {
    send_control(kInitControlFd, {{"type", "setup_failed"}, {"fatal", true}, {"what", what}});
  } catch (const std::exception&) {
  }
}

// Our own descriptor limit must leave room for the handoff fd placed at the target's limit.
void raise_own_fd_limit() {
  rlimit r;
  if (::getrlimit(RLIMIT_NOFILE, &r) == 0) {
    r.rlim_cur = r.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &r);
  }
}

}  // namespace

int main() {
  // Whatever else the supervisor's other threads had open is not ours to keep.
  ::close_range(kInitControlFd + 1, ~0U, 0);
  ::fcntl(kInitConfigFd, F_SETFD, FD_CLOEXEC);
  ::fcntl(kInitControlFd, F_SETFD, FD_CLOEXEC);
  raise_own_fd_limit();
  // The target runs as the same uid: a non-dumpable init cannot be ptraced or have its memory
  // read through /proc by it, even if a capability were left somewhere.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  ::sigprocmask(SIG_BLOCK, &chld, nullptr);
  int signal_fd = ::signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  ::signal(SIGPIPE, SIG_IGN);

  InitConfig config;
  std::vector<std::string> notes;
  try {
    config = decode_init_config(read_config(kInitConfigFd));
    ::close(kInitConfigFd);
    if (::sethostname(config.hostname.data(), config.hostname.size()) != 0)
      notes.push_back(std::string("hostname not set: ") + std::strerror(errno));
    build_mount_view(config.mounts, notes);
  } catch (const std::exception& e) {
    report_failure(std::string("filesystem view: ") + e.what());
    return 1;
  }
  if (config.fake_network) {
    // A network that cannot be faked is still an empty namespace: nothing leaves, the level
    // drops to partial and the supervisor says why.
    try {
      setup_network(config, kInitControlFd);
    } catch (const std::exception& e) {
      try {
        send_control(kInitControlFd, {{"type", "setup_failed"}, {"fatal", false}, {"feature", "network"},
                                      {"what", std::string("fake network: ") + e.what()}});
      } catch (const std::exception&) {
      }
    }
  }
  std::string executable = resolve_command(config);
  if (executable.empty()) {
    report_failure(config.argv.empty() ? "no command" : config.argv[0] + ": command not found in the sandbox");
    return 1;
  }
  pid_t target;
  try {
    send_control(kInitControlFd, {{"type", "ready"}, {"notes", notes}});
    target = launch_target(config, executable, kInitControlFd);
  } catch (const std::exception& e) {
    report_failure(std::string("start the target: ") + e.what());
    return 1;
  }
  run_init_loop(config, target, kInitControlFd, signal_fd);
  return 0;
}
