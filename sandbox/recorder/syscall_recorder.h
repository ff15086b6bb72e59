// The supervisor side of the recording filter: a thread that answers every stop of the tracee
// with "continue" after turning it into an event.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "sandbox/event.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

class SyscallDecoder;

struct RecorderHooks {
  // As the tracee sees it; writes, deletes, renames and chmods inside it are not events.
  std::string work_dir;
  // Asked for every opened path, made absolute (against the tracee's cwd or dirfd) and folded.
  std::function<bool(const std::string&)> is_honeytoken;
  // Called before an inet connect (or a send with a destination) continues, so a sinkhole
  // listener can be in place when the connection arrives.
  std::function<void(const std::string& address, int port, const std::string& protocol)>
      before_connect;
};

class SyscallRecorder {
 public:
  SyscallRecorder(int notify_fd /* takes ownership */, EventLog& log, RecorderHooks hooks);
  ~SyscallRecorder();
  SyscallRecorder(const SyscallRecorder&) = delete;
  SyscallRecorder& operator=(const SyscallRecorder&) = delete;

  void start();  // its own thread; throws std::system_error when the thread cannot start
  // Joins; idempotent; safe after the tracee died. Stops answering: a tracee still alive then
  // gets ENOSYS from the recorded syscalls, so stop only at teardown.
  void stop();
  // Notifications answered so far (for the benchmark and tests).
  std::uint64_t answered() const { return answered_.load(std::memory_order_relaxed); }

 private:
  void run() noexcept;
  void handle_one(SyscallDecoder& decoder, void* request, void* response) noexcept;

  UniqueFd notify_fd_;
  UniqueFd wake_fd_;  // eventfd: stop() wakes the poll at once
  EventLog& log_;
  RecorderHooks hooks_;
  std::thread thread_;
  std::atomic<std::uint64_t> answered_{0};
  std::size_t request_size_ = 0;
  std::size_t response_size_ = 0;
};

}  // namespace assay::sandbox
