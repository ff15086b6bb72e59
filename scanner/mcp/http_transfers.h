// HTTP exchanges with a remote MCP server through libcurl's multi interface, so a long-lived
// SSE stream and the POSTs beside it are driven by one loop with one deadline. The server is
// hostile: bodies are capped, redirects are never followed, proxies are never used (only the
// address the user named is contacted), and every wait ends at a deadline.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace assay::mcp {

using Headers = std::vector<std::pair<std::string, std::string>>;
using Clock = std::chrono::steady_clock;

struct HttpRequest {
  std::string method = "POST";  // GET, POST or DELETE
  std::string url;
  Headers headers;
  std::string body;
};

// One transfer in flight. Body bytes accumulate in `body` until the owner consumes them.
struct HttpStream {
  long status = 0;
  std::string content_type;  // lower-cased, parameters dropped
  std::string session_id;    // Mcp-Session-Id response header
  std::string location;      // Location response header (redirects are reported, never followed)
  bool headers_done = false;
  bool finished = false;
  std::string error;         // transport failure or a broken limit; empty when fine
  std::string body;          // received and not yet consumed
  size_t received = 0;       // body bytes so far
  size_t cap = 0;            // body bytes allowed for this transfer
  size_t header_bytes = 0;
};

class HttpTransfers {
 public:
  // `total_cap` bounds the bytes of all bodies together; `connect_timeout` each connection.
  HttpTransfers(size_t total_cap, std::chrono::milliseconds connect_timeout);
  ~HttpTransfers();
  HttpTransfers(const HttpTransfers&) = delete;
  HttpTransfers& operator=(const HttpTransfers&) = delete;

  // Starts a transfer whose body may be at most `cap` bytes; a larger body fails it.
  std::shared_ptr<HttpStream> start(const HttpRequest& request, size_t cap);
  // Aborts and forgets a transfer (a stream that has delivered what was wanted).
  void stop(const std::shared_ptr<HttpStream>& stream);

  // Drives every transfer until `done()` is true (checked after each burst of progress) or the
  // deadline passes; returns false at the deadline.
  bool run_until(const std::function<bool()>& done, Clock::time_point deadline);

  size_t total_received() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `url` is an http or https URL curl can parse; `why` says what is wrong otherwise.
bool valid_http_url(const std::string& url, std::string* why);
// `reference` (absolute, or relative as an SSE endpoint event gives it) resolved against `base`.
std::string resolve_url(const std::string& base, const std::string& reference);
// scheme://host:port, with the default port made explicit, lower-cased.
std::string url_origin(const std::string& url);

}  // namespace assay::mcp
