// A tolerant HTTP/1.x request-head reader: enough to label a sinkhole connection and to know
// when the client has sent its whole body.
#include "sandbox/net/http_request_head.h"

#include <algorithm>
#include <cctype>

namespace assay::sandbox {

namespace {

constexpr std::size_t kMaxHead = 16 * 1024;
constexpr std::size_t kMaxShown = 2048;

std::string printable(std::string_view text) {
  std::string out(text.substr(0, kMaxShown));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) c = '?';
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool icontains(std::string_view text, std::string_view word) {
  for (std::size_t i = 0; i + word.size() <= text.size(); ++i)
    if (iequals(text.substr(i, word.size()), word)) return true;
  return false;
}

// "GET /path HTTP/1.1": an upper-case method token, a target, a version; checked on the bytes
// seen so far so a request arriving one byte at a time is recognised early.
bool starts_like_request(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size() && i < 16 && bytes[i] >= 'A' && bytes[i] <= 'Z') ++i;
  if (i == bytes.size()) return i > 0 && i < 16;
  if (i < 3 || bytes[i] != ' ') return false;
  std::size_t line_end = bytes.find('\n');
  if (line_end == std::string_view::npos) return true;
  std::string_view line = trim(bytes.substr(0, line_end));
  std::size_t last_space = line.rfind(' ');
  return last_space > i && line.substr(last_space + 1).rfind("HTTP/", 0) == 0;
}

void read_header(std::string_view line, HttpRequestHead& head) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  std::string_view name = trim(line.substr(0, colon));
  std::string_view value = trim(line.substr(colon + 1));
  if (iequals(name, "host") && head.host.empty()) {
    head.host = printable(value);
  } else if (iequals(name, "content-length")) {
    std::size_t n = 0;
    bool digits = !value.empty() && value.size() <= 18;
    for (char c : value) {
      if (c < '0' || c > '9') digits = false;
      else n = n * 10 + static_cast<std::size_t>(c - '0');
    }
    if (digits) head.content_length = n;
  } else if (iequals(name, "transfer-encoding")) {
    head.chunked = icontains(value, "chunked");
  } else if (iequals(name, "expect")) {
    head.expect_continue = icontains(value, "100-continue");
  }
}

}  // namespace

std::optional<HttpRequestHead> parse_http_request_head(std::string_view bytes) {
  bytes = bytes.substr(0, kMaxHead);
  if (!starts_like_request(bytes)) return std::nullopt;
  HttpRequestHead head;
  std::size_t line_end = bytes.find('\n');
  if (line_end == std::string_view::npos) {
    head.request_line = printable(trim(bytes));
    return head;
  }
  head.request_line = printable(trim(bytes.substr(0, line_end)));
  std::size_t start = line_end + 1;
  for (;;) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) return head;
    std::string_view line = bytes.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    start = end + 1;
    if (line.empty()) {
      head.complete = true;
      head.body_offset = start;
      return head;
    }
    read_header(line, head);
  }
}

}  // namespace assay::sandbox
