// The last few KiB of what a server wrote to stderr: enough to quote why it died, bounded so a
// server that floods stderr costs us nothing.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::mcp {

class StderrTail {
 public:
  explicit StderrTail(size_t max_bytes) : max_bytes_(max_bytes) {}

  void append(std::string_view bytes);
  // The kept tail (at most max_bytes, starting at a line boundary when one is near).
  std::string text() const;
  // The last non-blank line, control bytes escaped and cut to 200 bytes: fit for an error message.
  std::string last_line() const;
  size_t total_bytes() const { return total_; }

 private:
  size_t max_bytes_;
  size_t total_ = 0;
  std::string buffer_;  // grows to twice max_bytes_ before the front is dropped, to amortize
};

}  // namespace assay::mcp
