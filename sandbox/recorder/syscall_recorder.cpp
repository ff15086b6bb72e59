// The notification loop: receive, decode, check the notification is still live, run the hooks,
// log, continue. Nothing the tracee does may throw out of the thread or leave it unanswered.
#include "sandbox/recorder/syscall_recorder.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <memory>
#include <system_error>

#include "sandbox/recorder/syscall_decoder.h"

namespace assay::sandbox {

namespace {

// Linux 6.6+: wake the supervisor synchronously, so the tracee and this thread hand the CPU to
// each other instead of waiting for the scheduler: the round trip is the recorder's whole cost.
// Older headers lack the names; older kernels refuse the ioctl, which costs only speed.
#ifndef SECCOMP_IOCTL_NOTIF_SET_FLAGS
#define SECCOMP_IOCTL_NOTIF_SET_FLAGS SECCOMP_IOW(4, __u64)
#endif
#ifndef SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP
#define SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP (1UL << 0)
#endif

void note_error(EventLog& log, const char* what) noexcept {
  try {
    Event e;
    e.kind = EventKind::note;
    e.detail = std::string("syscall recorder: ") + what;
    log.add(std::move(e));
  } catch (...) {
  }
}

}  // namespace

SyscallRecorder::SyscallRecorder(int notify_fd, EventLog& log, RecorderHooks hooks)
    : notify_fd_(notify_fd), log_(log), hooks_(std::move(hooks)) {
  // The kernel's structures may grow; RECV writes the kernel's size, so buffers use the larger.
  seccomp_notif_sizes sizes{};
  if (::syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) == 0) {
    request_size_ = sizes.seccomp_notif;
    response_size_ = sizes.seccomp_notif_resp;
  }
  if (request_size_ < sizeof(seccomp_notif)) request_size_ = sizeof(seccomp_notif);
  if (response_size_ < sizeof(seccomp_notif_resp)) response_size_ = sizeof(seccomp_notif_resp);
}

SyscallRecorder::~SyscallRecorder() { stop(); }

void SyscallRecorder::start() {
  if (thread_.joinable()) return;
  wake_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake_fd_.valid()) throw std::system_error(errno, std::generic_category(), "eventfd");
  ::ioctl(notify_fd_.get(), SECCOMP_IOCTL_NOTIF_SET_FLAGS, SECCOMP_USER_NOTIF_FD_SYNC_WAKE_UP);
  thread_ = std::thread([this] { run(); });
}

void SyscallRecorder::stop() {
  if (!thread_.joinable()) return;
  const std::uint64_t one = 1;
  [[maybe_unused]] ssize_t ignored = ::write(wake_fd_.get(), &one, sizeof one);
  thread_.join();
  notify_fd_.reset();
}

void SyscallRecorder::run() noexcept {
  std::unique_ptr<char[]> request;
  std::unique_ptr<char[]> response;
  std::unique_ptr<SyscallDecoder> decoder;
  try {
    request.reset(new char[request_size_]);
    response.reset(new char[response_size_]);
    decoder = std::make_unique<SyscallDecoder>(hooks_.work_dir);
  } catch (...) {
    note_error(log_, "out of memory at start");
    return;
  }
  pollfd fds[2] = {{notify_fd_.get(), POLLIN, 0}, {wake_fd_.get(), POLLIN, 0}};
  for (;;) {
    const int ready = ::poll(fds, 2, -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      note_error(log_, "poll failed");
      return;
    }
    if (fds[1].revents) return;
    if (fds[0].revents & POLLIN) {
      handle_one(*decoder, request.get(), response.get());
    } else if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
      return;  // every process under the filter has exited: nothing more can arrive
    }
  }
}

void SyscallRecorder::handle_one(SyscallDecoder& decoder, void* request_buffer,
                                 void* response_buffer) noexcept {
  std::memset(request_buffer, 0, request_size_);  // RECV refuses a buffer that is not zeroed
  auto* request = static_cast<seccomp_notif*>(request_buffer);
  if (::ioctl(notify_fd_.get(), SECCOMP_IOCTL_NOTIF_RECV, request) != 0)
    return;  // ENOENT: the tracee died (or was signalled) between poll and receive
  DecodedSyscall decoded;
  bool record = false;
  try {
    // Arguments were read from a pid that might have died and been reused meanwhile: only a
    // notification still live after the reads vouches for them.
    record = decoder.decode(*request, decoded) &&
             ::ioctl(notify_fd_.get(), SECCOMP_IOCTL_NOTIF_ID_VALID, &request->id) == 0;
    if (record && decoded.before_connect && hooks_.before_connect)
      hooks_.before_connect(decoded.event.address, decoded.event.port, decoded.event.protocol);
  } catch (...) {
    // A failing hook or allocation loses this one event; the tracee must still be answered.
    record = false;
  }
  // CONTINUE lets the kernel run the syscall as the tracee asked: by then the tracee (or another
  // of its threads) may have changed the memory we read, so this records and never enforces.
  std::memset(response_buffer, 0, response_size_);
  auto* response = static_cast<seccomp_notif_resp*>(response_buffer);
  response->id = request->id;
  response->flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
  ::ioctl(notify_fd_.get(), SECCOMP_IOCTL_NOTIF_SEND, response);  // ENOENT: tracee gone, fine
  answered_.fetch_add(1, std::memory_order_relaxed);
  if (!record) return;
  // The tracee runs again already: what needs no answer from us is done off its critical path.
  try {
    if (decoded.may_be_honeytoken && hooks_.is_honeytoken)
      decoded.event.honeytoken = hooks_.is_honeytoken(decoded.event.path);
    log_.add(std::move(decoded.event));
  } catch (...) {
  }
}

}  // namespace assay::sandbox
