// The seccomp filter that stops a sandboxed process only on the syscalls worth recording.
//
// How to use it (ISO, tests, bench): build the program in the supervisor or any process that may
// allocate, then load it in the forked child right before execve:
//
//   RecordingFilter filter = prepare_recording_filter(kHandoffFd);  // parent: allocates, may throw
//   ... fork ...
//   // child, async-signal-safe from here on:
//   dup2(control_socket, kHandoffFd);             // a number >= the target's RLIMIT_NOFILE hard
//   setrlimit(RLIMIT_NOFILE, {512, 512});         //   limit, so the target can never reuse it
//   int notify_fd = load_recording_filter(filter);      // -1 + errno: report "recording unavailable"
//   sendmsg(kHandoffFd, ... SCM_RIGHTS notify_fd ...);  // not recorded: the handoff fd is exempt
//   close(notify_fd);                                    // also close-on-exec already
//   execve(...);                                         // recorded: the supervisor must be running
//
// After the filter is loaded every recorded syscall blocks until the supervisor answers, so the
// child must not make one (open, connect, exit_group...) before the notify fd is in the
// supervisor's hands. If the handoff fails, close the notify fd before _exit: with no listener the
// kernel fails recorded syscalls with ENOSYS instead of blocking, and glibc's _exit falls back to
// the plain exit syscall.
//
// The filter records, it never denies: the supervisor answers every stop with "continue".
#pragma once
#include <linux/filter.h>

#include <string>
#include <vector>

namespace assay::sandbox {

// A ready-to-load classic BPF program (the export of a libseccomp filter).
struct RecordingFilter {
  std::vector<sock_filter> program;
};

// Builds the filter for the native architecture. handoff_fd >= 0 exempts sendmsg on that fd
// number, so the child can pass the notify fd out after loading the filter. Throws
// std::runtime_error when libseccomp cannot build it.
RecordingFilter prepare_recording_filter(int handoff_fd = -1);

// Child side, async-signal-safe (no allocation): sets PR_SET_NO_NEW_PRIVS (idempotent) and loads
// the program with SECCOMP_FILTER_FLAG_NEW_LISTENER. Returns the notify fd (close-on-exec) or -1
// with errno set (EINVAL/ENOSYS when the kernel lacks seccomp user notification).
int load_recording_filter(const RecordingFilter& filter);

// The contract's one-call form for a fresh single-threaded process (ISO's init helper): prepare +
// load. Returns the notify fd or -1 with errno set.
int install_recording_filter(int handoff_fd = -1);

// Whether this kernel can deliver seccomp user notifications; when not, `why` says so in a phrase
// fit for "partial: recording unavailable (...)".
bool recording_available(std::string* why = nullptr);

}  // namespace assay::sandbox
