// Lines end at CRLF, LF or CR; a blank line dispatches the event; comments start with a colon.
#include "scanner/mcp/http_sse_parser.h"

namespace assay::mcp {

void SseParser::line(const std::string& l, std::vector<SseEvent>& out) {
  if (l.empty()) {
    if (has_data_) {
      if (!current_.data.empty() && current_.data.back() == '\n') current_.data.pop_back();
      out.push_back(std::move(current_));
    }
    current_ = SseEvent{};
    has_data_ = false;
    event_bytes_ = 0;
    return;
  }
  if (l[0] == ':') return;
  auto colon = l.find(':');
  std::string field = l.substr(0, colon);
  std::string value = colon == std::string::npos ? "" : l.substr(colon + 1);
  if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  if (field == "data") {
    current_.data += value;
    current_.data += '\n';
    has_data_ = true;
  } else if (field == "event") {
    current_.event = value.empty() ? "message" : value;
  } else if (field == "id") {
    current_.id = value;
  }
}

bool SseParser::feed(const std::string& bytes, std::vector<SseEvent>& out) {
  for (char c : bytes) {
    if (after_cr_ && c == '\n') {
      after_cr_ = false;
      continue;
    }
    after_cr_ = false;
    if (c == '\r' || c == '\n') {
      after_cr_ = c == '\r';
      line(partial_, out);
      partial_.clear();
      continue;
    }
    partial_ += c;
    if (++event_bytes_ > max_event_bytes_) {
      error_ = "one server-sent event exceeded " + std::to_string(max_event_bytes_) + " bytes";
      return false;
    }
  }
  return true;
}

}  // namespace assay::mcp
