// Reads the request line and the headers that matter (Host, body framing, Expect) from the first
// bytes of a plain-HTTP sinkhole connection.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace assay::sandbox {

struct HttpRequestHead {
  std::string request_line;   // "POST /collect?d=... HTTP/1.1" (printable ASCII, capped)
  std::string host;           // Host header value, "" if absent
  bool complete = false;      // the blank line after the headers arrived
  std::size_t body_offset = 0;            // where the body starts, when complete
  std::optional<std::size_t> content_length;
  bool chunked = false;       // Transfer-Encoding: chunked
  bool expect_continue = false;
};

// nullopt when the bytes do not start like an HTTP/1.x request ("METHOD SP target SP HTTP/").
// Looks at most at the first 16 KiB; header lines beyond that count as incomplete.
std::optional<HttpRequestHead> parse_http_request_head(std::string_view bytes);

}  // namespace assay::sandbox
