// Incremental parser for text/event-stream as the HTML spec defines it (the framing both MCP
// HTTP transports use), bounded so a server cannot grow one event without end.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace assay::mcp {

struct SseEvent {
  std::string event = "message";  // the `event:` field, "message" when absent
  std::string data;               // `data:` lines joined with \n
  std::string id;
};

class SseParser {
 public:
  explicit SseParser(size_t max_event_bytes) : max_event_bytes_(max_event_bytes) {}

  // Consumes `bytes` and appends every completed event to `out`. Returns false (and sets
  // error()) when one event grows past the limit.
  bool feed(const std::string& bytes, std::vector<SseEvent>& out);
  const std::string& error() const { return error_; }

 private:
  void line(const std::string& l, std::vector<SseEvent>& out);

  size_t max_event_bytes_;
  std::string partial_;  // an unfinished line
  SseEvent current_;
  bool has_data_ = false;
  bool after_cr_ = false;
  size_t event_bytes_ = 0;
  std::string error_;
};

}  // namespace assay::mcp
