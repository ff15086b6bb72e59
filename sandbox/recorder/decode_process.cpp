// Signals sent, ptrace attempts and process exits.
#include <sys/syscall.h>

#include <string>

#include "sandbox/recorder/syscall_decoding.h"

namespace assay::sandbox {

// Target pids are as the tracee named them (its own pid namespace); the acting pid is the
// supervisor's view.
bool decode_process_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out) {
  const auto& a = n.data.args;
  Event& e = out.event;
  switch (nr) {
    case SYS_kill:
      e.kind = EventKind::signal;
      e.target_pid = static_cast<int>(a[0]);
      e.flags = static_cast<int>(a[1]);
      return true;
    case SYS_tkill:
      e.kind = EventKind::signal;
      e.target_pid = static_cast<int>(a[0]);
      e.flags = static_cast<int>(a[1]);
      e.detail = "tkill (thread)";
      return true;
    case SYS_tgkill:
      e.kind = EventKind::signal;
      e.target_pid = static_cast<int>(a[0]);
      e.flags = static_cast<int>(a[2]);
      e.detail = "tgkill thread " + std::to_string(static_cast<int>(a[1]));
      return true;
    case SYS_ptrace:
      e.kind = EventKind::ptrace;
      e.flags = static_cast<long long>(a[0]);
      e.target_pid = static_cast<int>(a[1]);
      return true;
    case SYS_exit_group:
      e.kind = EventKind::process_exit;
      e.flags = static_cast<int>(a[0]) & 0xff;
      return true;
    default: return false;
  }
}

}  // namespace assay::sandbox
