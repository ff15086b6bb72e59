// Bounded capture of a server's stderr.
#include "scanner/mcp/stderr_tail.h"

#include "scanner/mcp/escape.h"

namespace assay::mcp {

void StderrTail::append(std::string_view bytes) {
  total_ += bytes.size();
  if (max_bytes_ == 0) return;
  if (bytes.size() >= max_bytes_) {
    buffer_.assign(bytes.substr(bytes.size() - max_bytes_));
    return;
  }
  buffer_.append(bytes);
  if (buffer_.size() > 2 * max_bytes_) buffer_.erase(0, buffer_.size() - max_bytes_);
}

std::string StderrTail::text() const {
  if (buffer_.size() <= max_bytes_ && total_ == buffer_.size()) return buffer_;
  std::string_view tail(buffer_);
  if (tail.size() > max_bytes_) tail.remove_prefix(tail.size() - max_bytes_);
  // Dropping the front cut a line in two; start at the next whole line when it is near.
  size_t nl = tail.find('\n');
  if (nl != std::string_view::npos && nl < 256 && nl + 1 < tail.size()) tail.remove_prefix(nl + 1);
  return std::string(tail);
}

std::string StderrTail::last_line() const {
  std::string_view rest(buffer_);
  while (!rest.empty()) {
    size_t end = rest.find_last_not_of(" \t\r\n");
    if (end == std::string_view::npos) return {};
    rest = rest.substr(0, end + 1);
    size_t start = rest.find_last_of('\n');
    std::string_view line = start == std::string_view::npos ? rest : rest.substr(start + 1);
    size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string_view::npos) return escape_for_message(line.substr(first), 200);
    rest = start == std::string_view::npos ? std::string_view() : rest.substr(0, start);
  }
  return {};
}

}  // namespace assay::mcp
