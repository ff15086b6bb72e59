// Deadline-driven reads and writes on a server's pipes; every byte counted, every wait bounded.
#include "scanner/mcp/server_pipes.h"

#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <mutex>

#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

constexpr size_t kChunk = 64 * 1024;
constexpr int kMaxStderrReadsPerWake = 16;

int poll_timeout_ms(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT_MAX ? INT_MAX : static_cast<int>(left);
}

// A server that closes its stdin while we write to it must cost us EPIPE, not our life. Only
// the default disposition is replaced: a handler the host program installed is its business.
void ignore_sigpipe_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (::sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) ::signal(SIGPIPE, SIG_IGN);
  });
}

bool would_block(int err) { return err == EAGAIN || err == EWOULDBLOCK || err == EINTR; }

}  // namespace

ServerPipes::ServerPipes(UniqueFd to_stdin, UniqueFd from_stdout, UniqueFd from_stderr, Limits limits)
    : stdin_(std::move(to_stdin)),
      stdout_(std::move(from_stdout)),
      stderr_(std::move(from_stderr)),
      limits_(limits),
      stderr_tail_(limits.max_stderr_bytes) {
  ignore_sigpipe_once();
}

bool ServerPipes::take_line(std::string& line) {
  size_t newline = buffer_.find('\n', scanned_ > line_start_ ? scanned_ : line_start_);
  if (newline == std::string::npos) {
    scanned_ = buffer_.size();
    if (buffer_.size() - line_start_ > limits_.max_line_bytes)
      throw PipeLimitExceeded("server sent a line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
    if (stdout_.valid() || line_start_ == buffer_.size()) return false;
    newline = buffer_.size();  // end of stream ends the last line too
  }
  if (newline - line_start_ > limits_.max_line_bytes)
    throw PipeLimitExceeded("server sent a line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
  line.assign(buffer_, line_start_, newline - line_start_);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  line_start_ = newline < buffer_.size() ? newline + 1 : newline;
  scanned_ = line_start_;
  if (line_start_ == buffer_.size()) {
    buffer_.clear();
    line_start_ = scanned_ = 0;
  } else if (line_start_ > kChunk && line_start_ > buffer_.size() / 2) {
    buffer_.erase(0, line_start_);
    scanned_ -= line_start_;
    line_start_ = 0;
  }
  return true;
}

ServerPipes::ReadStatus ServerPipes::read_line(std::string& line, Clock::time_point deadline) {
  bool last_look = false;
  for (;;) {
    if (take_line(line)) return ReadStatus::line;
    if (!stdout_.valid()) return ReadStatus::end_of_stream;
    // After the deadline, one more look at what already arrived, then give up: a server that
    // streams stderr forever must not keep us here.
    if (Clock::now() >= deadline) {
      if (last_look) return ReadStatus::timed_out;
      last_look = true;
    }
    pump(deadline, false);
  }
}

ServerPipes::WriteStatus ServerPipes::write_all(std::string_view bytes, Clock::time_point deadline) {
  size_t done = 0;
  while (done < bytes.size()) {
    if (!stdin_.valid()) return WriteStatus::closed;
    ssize_t n = ::write(stdin_.get(), bytes.data() + done, bytes.size() - done);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && !would_block(errno)) {
      stdin_.reset();  // EPIPE: the server closed its stdin
      return WriteStatus::closed;
    }
    if (n < 0 && errno == EINTR) continue;
    if (Clock::now() >= deadline) return WriteStatus::timed_out;
    pump(deadline, true);
  }
  return WriteStatus::written;
}

void ServerPipes::drain(Clock::time_point deadline) {
  discard_stdout_ = true;
  while ((stdout_.valid() || stderr_.valid()) && Clock::now() < deadline) pump(deadline, false);
}

bool ServerPipes::pump(Clock::time_point deadline, bool want_write) {
  pollfd fds[3];
  nfds_t n = 0;
  int out = -1, err = -1, in = -1;
  if (stdout_.valid()) fds[out = n++] = {stdout_.get(), POLLIN, 0};
  if (stderr_.valid()) fds[err = n++] = {stderr_.get(), POLLIN, 0};
  if (want_write && stdin_.valid()) fds[in = n++] = {stdin_.get(), POLLOUT, 0};
  if (n == 0) return false;
  int ready = ::poll(fds, n, poll_timeout_ms(deadline));
  if (ready < 0) {
    if (errno == EINTR) return false;
    throw target_error(std::string("poll on the server's pipes failed: ") + std::strerror(errno));
  }
  if (ready == 0) return false;
  if (out >= 0 && fds[out].revents) read_stdout();
  if (err >= 0 && fds[err].revents) read_stderr();
  return in >= 0 && fds[in].revents != 0;
}

void ServerPipes::read_stdout() {
  const size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  ssize_t n = ::read(stdout_.get(), buffer_.data() + old, kChunk);
  buffer_.resize(old + (n > 0 ? static_cast<size_t>(n) : 0));
  if (n == 0 || (n < 0 && !would_block(errno))) {
    stdout_.reset();
    return;
  }
  if (n < 0) return;
  total_read_ += static_cast<size_t>(n);
  if (discard_stdout_) {
    buffer_.clear();
    line_start_ = scanned_ = 0;
    return;
  }
  if (total_read_ > limits_.max_total_bytes)
    throw PipeLimitExceeded("server wrote more than " + std::to_string(limits_.max_total_bytes) + " bytes to stdout");
}

void ServerPipes::read_stderr() {
  char chunk[kChunk];
  for (int i = 0; i < kMaxStderrReadsPerWake; ++i) {
    ssize_t n = ::read(stderr_.get(), chunk, sizeof chunk);
    if (n > 0) {
      stderr_tail_.append(std::string_view(chunk, static_cast<size_t>(n)));
      continue;
    }
    if (n == 0 || !would_block(errno)) stderr_.reset();
    return;
  }
}

}  // namespace assay::mcp
