// execve/execveat: the program path (only when it exists, so a shell's PATH search that tries
// /usr/local/bin/x before /usr/bin/x leaves one event, not one per directory) and argv (bounded).
#include <fcntl.h>
#include <sys/syscall.h>

#include <climits>
#include <cstdint>
#include <cstdio>

#include "sandbox/recorder/syscall_decoding.h"
#include "sandbox/recorder/tracee_memory.h"
#include "sandbox/recorder/tracee_paths.h"

namespace assay::sandbox {

namespace {

constexpr std::size_t kMaxArgs = 64;
constexpr std::size_t kMaxArgBytes = 4096;

void read_argv(pid_t pid, std::uint64_t argv_address, Event& e) {
  std::uint64_t pointers[kMaxArgs + 1];
  const std::size_t got = read_tracee(pid, argv_address, pointers, sizeof pointers) / sizeof pointers[0];
  std::size_t i = 0;
  for (; i < got && i < kMaxArgs && pointers[i] != 0; ++i) {
    std::string arg;
    read_tracee_string(pid, pointers[i], kMaxArgBytes, arg);
    e.argv.push_back(std::move(arg));
  }
  if (i == kMaxArgs && got > kMaxArgs && pointers[kMaxArgs] != 0) e.detail = "argv truncated at 64";
}

}  // namespace

bool decode_exec_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out) {
  if (nr != SYS_execve && nr != SYS_execveat) return false;
  const pid_t pid = static_cast<pid_t>(n.pid);
  const auto& a = n.data.args;
  const bool at = nr == SYS_execveat;
  std::string raw;
  read_tracee_string(pid, a[at ? 1 : 0], PATH_MAX, raw);
  Event& e = out.event;
  e.kind = EventKind::exec;
  e.path = absolute_tracee_path(pid, at ? static_cast<int>(a[0]) : AT_FDCWD, raw);
  if (!tracee_path_exists(pid, e.path)) return false;
  read_argv(pid, a[at ? 2 : 1], e);
  return true;
}

}  // namespace assay::sandbox
