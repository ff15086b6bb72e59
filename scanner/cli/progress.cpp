// The progress line's format, its terminal test, and the thread that redraws it.
#include "scanner/cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace assay::cli {
namespace {

constexpr auto kQuietPeriod = std::chrono::seconds(1);
constexpr auto kRedraw = std::chrono::milliseconds(250);

std::size_t terminal_width() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10) return ws.ws_col;
  return 80;
}

// Cuts at a code point boundary so the terminal never receives half a character.
std::string cut_utf8(std::string s, std::size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  s.resize(bytes);
  return s;
}

}  // namespace

bool progress_wanted(bool stderr_is_tty, bool quiet, const char* term) {
  return stderr_is_tty && !quiet && !(term && std::strcmp(term, "dumb") == 0);
}

std::string format_progress(int index, int total, std::string_view target, double elapsed_seconds, std::size_t width) {
  std::string safe;
  for (char c : target) safe += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
  const std::string head = "mcp-assay: scanning " + std::to_string(index) + "/" + std::to_string(total) + " ";
  const std::string tail = " (" + std::to_string(static_cast<long>(elapsed_seconds)) + "s)";
  // Leave the last column free: writing into it makes some terminals wrap.
  const std::size_t room = width > head.size() + tail.size() + 1 ? width - head.size() - tail.size() - 1 : 0;
  if (safe.size() > room) safe = room > 3 ? "..." + safe.substr(safe.size() - (room - 3)) : std::string();
  return cut_utf8(head + safe + tail, width > 0 ? width - 1 : 0);
}

ProgressLine::ProgressLine(bool enabled, int total) : total_(total) {
  if (enabled) thread_ = std::thread([this] { run(); });
}

ProgressLine::~ProgressLine() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ProgressLine::start_target(const std::string& target) {
  std::lock_guard lock(mutex_);
  ++index_;
  target_ = target;
}

void ProgressLine::run() {
  const auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  if (wake_.wait_for(lock, kQuietPeriod, [this] { return stop_; })) return;
  bool drawn = false;
  while (!stop_) {
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    // Configured servers are counted as one target each only once their configs are read.
    const int index = std::max(index_, 1);
    const std::string line = format_progress(index, std::max(total_, index), target_, elapsed, terminal_width());
    std::fprintf(stderr, "\r\x1b[K%s", line.c_str());
    std::fflush(stderr);
    drawn = true;
    wake_.wait_for(lock, kRedraw, [this] { return stop_; });
  }
  if (drawn) {
    std::fputs("\r\x1b[K", stderr);
    std::fflush(stderr);
  }
}

}  // namespace assay::cli
