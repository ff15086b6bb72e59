// The progress line on a terminal: which target a long scan is on, redrawn in place on stderr.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace assay::cli {

// Only for a person watching: stderr is a terminal, not --quiet, and TERM is not "dumb".
bool progress_wanted(bool stderr_is_tty, bool quiet, const char* term);

// "mcp-assay: scanning 2/5 tools.json (3s)", cut to `width` columns; control characters in the
// target become '?', so a hostile command line cannot move the cursor.
std::string format_progress(int index, int total, std::string_view target, double elapsed_seconds, std::size_t width);

// Draws nothing for the first second (quick scans stay silent), then redraws four times a
// second until destroyed, and clears its line on the way out.
class ProgressLine {
 public:
  ProgressLine(bool enabled, int total);
  ~ProgressLine();
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  void start_target(const std::string& target);

 private:
  void run();

  int total_;
  int index_ = 0;
  std::string target_;
  bool stop_ = false;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
};

}  // namespace assay::cli
