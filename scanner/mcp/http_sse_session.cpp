// The HTTP+SSE transport (MCP 2024-11-05): a GET opens an event stream whose first `endpoint`
// event names where to POST messages; every answer comes back on the stream. The endpoint must
// be on the origin the user named, or the server could point the scanner at another host.
#include <algorithm>
#include <deque>

#include "scanner/mcp/escape.h"
#include "scanner/mcp/handshake.h"
#include "scanner/mcp/http_inbox.h"
#include "scanner/mcp/http_session.h"
#include "scanner/mcp/http_sse_parser.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

using nlohmann::json;

class SseSession : public HttpSession {
 public:
  SseSession(const RemoteSpec& spec, const ClientLimits& limits)
      : spec_(spec),
        limits_(limits),
        transfers_(limits.max_total_bytes, std::min(limits.request_timeout, std::chrono::milliseconds(10000))),
        inbox_(limits.max_json_depth, [this](const json& m) { post_message(m); }),
        parser_(limits.max_message_bytes),
        session_deadline_(Clock::now() + limits.total_timeout) {}

  ServerInfo initialize() override {
    open_stream();
    RpcResponse response = request("initialize", initialize_params());
    ServerInfo info = server_info_from_initialize(response, inbox_.warnings());
    post_message(make_notification("notifications/initialized", nullptr));
    return info;
  }

  RpcResponse request(const std::string& method, const json& params) override {
    int64_t id = next_id_++;
    inbox_.expect(id);
    auto posted = post_message(make_request(id, method, params));
    std::string context = "on the event stream of " + spec_.url;
    auto done = [&] {
      pump(context);
      if (inbox_.answered()) return true;
      if (!posted->error.empty() || (posted->headers_done && posted->status >= 300)) return true;
      return false;
    };
    bool in_time = transfers_.run_until(done, std::min(Clock::now() + limits_.request_timeout, session_deadline_));
    if (inbox_.answered()) return inbox_.take();
    if (!posted->error.empty() || posted->status >= 300) throw target_error(http_failure(*posted, endpoint_, method));
    if (!in_time)
      throw target_error("no answer to " + method + " on the event stream of " + spec_.url + " in time");
    throw target_error("the event stream of " + spec_.url + " ended before the answer to " + method);
  }

  void close() override {
    if (stream_) transfers_.stop(stream_);
    stream_.reset();
  }

  std::vector<std::string> warnings() const override { return inbox_.warnings(); }

 private:
  void open_stream() {
    HttpRequest get;
    get.method = "GET";
    get.url = spec_.url;
    get.headers = spec_.headers;
    get.headers.emplace_back("Accept", "text/event-stream");
    stream_ = transfers_.start(get, limits_.max_total_bytes);
    auto done = [&] {
      if (!stream_->error.empty() || stream_->finished) return true;
      if (stream_->headers_done && (stream_->status < 200 || stream_->status >= 300)) return true;
      if (stream_->headers_done && stream_->content_type != "text/event-stream") return true;
      pump("on the event stream of " + spec_.url);
      return !endpoint_.empty();
    };
    bool in_time = transfers_.run_until(done, std::min(Clock::now() + limits_.request_timeout, session_deadline_));
    if (!endpoint_.empty()) return;
    if (!stream_->error.empty() || stream_->status < 200 || stream_->status >= 300)
      throw target_error(http_failure(*stream_, spec_.url, "the event stream request"));
    if (stream_->content_type != "text/event-stream")
      throw target_error(spec_.url + " answered the event stream request with content type \"" +
                         escape_for_message(stream_->content_type, 60) + "\", not text/event-stream");
    if (!in_time) throw target_error("no endpoint event on the event stream of " + spec_.url + " in time");
    throw target_error("the event stream of " + spec_.url + " ended without an endpoint event");
  }

  // Reads what the stream delivered: the endpoint event, then JSON-RPC messages.
  void pump(const std::string& context) {
    if (!stream_) return;
    if (stream_->body.empty()) return;
    std::vector<SseEvent> events;
    bool ok = parser_.feed(stream_->body, events);
    stream_->body.clear();
    if (!ok) throw target_error(parser_.error() + " " + context);
    for (const auto& e : events) {
      if (e.event == "endpoint" && endpoint_.empty()) {
        set_endpoint(e.data);
      } else if (e.event == "message" && !e.data.empty()) {
        inbox_.receive(e.data, context);
      }
    }
  }

  void set_endpoint(const std::string& reference) {
    std::string resolved = resolve_url(spec_.url, reference);
    if (resolved.empty())
      throw target_error("the endpoint event of " + spec_.url + " is not a usable URL: " + escape_for_message(reference, 120));
    if (url_origin(resolved) != url_origin(spec_.url))
      throw target_error("the endpoint event of " + spec_.url + " points at another origin (" +
                         escape_for_message(resolved, 120) + "); mcp-assay contacts only the address you named");
    endpoint_ = resolved;
  }

  std::shared_ptr<HttpStream> post_message(const json& message) {
    HttpRequest r;
    r.url = endpoint_;
    r.headers = spec_.headers;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    return transfers_.start(r, 64u << 10);  // answers come on the stream; the POST body is an ack
  }

  RemoteSpec spec_;
  ClientLimits limits_;
  HttpTransfers transfers_;
  RpcInbox inbox_;
  SseParser parser_;
  Clock::time_point session_deadline_;
  std::shared_ptr<HttpStream> stream_;
  std::string endpoint_;
  int64_t next_id_ = 1;
};

}  // namespace

std::unique_ptr<HttpSession> open_sse(const RemoteSpec& spec, const ClientLimits& limits) {
  std::string why;
  if (!valid_http_url(spec.url, &why)) throw usage_error("not a usable server URL: " + spec.url + ": " + why);
  return std::make_unique<SseSession>(spec, limits);
}

}  // namespace assay::mcp
