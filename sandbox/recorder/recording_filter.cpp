// Builds the recording filter with libseccomp and loads its exported BPF without allocating.
#include "sandbox/recorder/recording_filter.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <stdexcept>

#include "sandbox/recorder/recorded_syscalls.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

namespace {

using FilterContext = std::unique_ptr<void, decltype(&seccomp_release)>;

void add_rule(scmp_filter_ctx ctx, int nr, unsigned count, const scmp_arg_cmp* args) {
  const int rc = seccomp_rule_add_array(ctx, SCMP_ACT_NOTIFY, nr, count, args);
  if (rc < 0)
    throw std::runtime_error("cannot build the recording filter: syscall " + std::to_string(nr) +
                             ": " + std::strerror(-rc));
}

void add_recorded_syscalls(scmp_filter_ctx ctx, int handoff_fd) {
  for (int nr : kUnconditionallyRecorded) add_rule(ctx, nr, 0, nullptr);

  // sendto without a destination is a write on a connected socket (already seen at connect):
  // the BPF test keeps those at full speed.
  const scmp_arg_cmp with_destination = SCMP_A4(SCMP_CMP_NE, 0);
  add_rule(ctx, SYS_sendto, 1, &with_destination);

  // sendmsg's destination sits in memory BPF cannot read, so every sendmsg stops, except on the
  // handoff fd the child uses to pass the notify fd out (see the header for why the target can
  // never reuse that number).
  if (handoff_fd >= 0) {
    const scmp_arg_cmp not_handoff = SCMP_A0(SCMP_CMP_NE, static_cast<scmp_datum_t>(handoff_fd));
    add_rule(ctx, SYS_sendmsg, 1, &not_handoff);
  } else {
    add_rule(ctx, SYS_sendmsg, 0, nullptr);
  }

  // Go's runtime preempts goroutines with SIGURG through tgkill every few milliseconds: that is
  // scheduling, not behaviour, and stopping on it would slow every Go server down.
  const scmp_arg_cmp tgkill_not_urg = SCMP_A2(SCMP_CMP_NE, SIGURG);
  add_rule(ctx, SYS_tgkill, 1, &tgkill_not_urg);
  const scmp_arg_cmp tkill_not_urg = SCMP_A1(SCMP_CMP_NE, SIGURG);
  add_rule(ctx, SYS_tkill, 1, &tkill_not_urg);
}

std::vector<sock_filter> export_program(scmp_filter_ctx ctx) {
  // libseccomp 2.5 exports only to a file descriptor.
  UniqueFd memfd(static_cast<int>(::syscall(SYS_memfd_create, "recording-filter", MFD_CLOEXEC)));
  if (!memfd.valid())
    throw std::runtime_error(std::string("cannot build the recording filter: memfd_create: ") +
                             std::strerror(errno));
  const int rc = seccomp_export_bpf(ctx, memfd.get());
  if (rc < 0)
    throw std::runtime_error(std::string("cannot export the recording filter: ") +
                             std::strerror(-rc));
  const off_t size = ::lseek(memfd.get(), 0, SEEK_END);
  if (size <= 0 || size % sizeof(sock_filter) != 0 || size > 64 * 1024)
    throw std::runtime_error("cannot export the recording filter: unexpected program size");
  std::vector<sock_filter> program(static_cast<std::size_t>(size) / sizeof(sock_filter));
  if (::pread(memfd.get(), program.data(), static_cast<std::size_t>(size), 0) != size)
    throw std::runtime_error("cannot export the recording filter: short read");
  return program;
}

}  // namespace

RecordingFilter prepare_recording_filter(int handoff_fd) {
  FilterContext ctx(seccomp_init(SCMP_ACT_ALLOW), &seccomp_release);
  if (!ctx) throw std::runtime_error("cannot build the recording filter: seccomp_init failed");
  // A 32-bit or x32 binary would otherwise slip past a native-only filter. Stopping on all its
  // syscalls is slow but keeps it visible (the recorder notes it once per process); killing it
  // would turn a recorder into an enforcer.
  if (seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_NOTIFY) < 0)
    throw std::runtime_error("cannot build the recording filter: bad-arch action");
  add_recorded_syscalls(ctx.get(), handoff_fd);
  return RecordingFilter{export_program(ctx.get())};
}

int load_recording_filter(const RecordingFilter& filter) {
  if (filter.program.empty()) {
    errno = EINVAL;
    return -1;
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  sock_fprog prog{};
  prog.len = static_cast<unsigned short>(filter.program.size());
  prog.filter = const_cast<sock_filter*>(filter.program.data());
  return static_cast<int>(
      ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog));
}

int install_recording_filter(int handoff_fd) {
  RecordingFilter filter;
  try {
    filter = prepare_recording_filter(handoff_fd);
  } catch (const std::exception&) {
    errno = EINVAL;
    return -1;
  }
  return load_recording_filter(filter);
}

bool recording_available(std::string* why) {
  std::uint32_t action = SECCOMP_RET_USER_NOTIF;
  if (::syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0) return true;
  if (why)
    *why = errno == ENOSYS || errno == EINVAL
               ? "the kernel lacks seccomp user notification"
               : std::string("seccomp: ") + std::strerror(errno);
  return false;
}

}  // namespace assay::sandbox
