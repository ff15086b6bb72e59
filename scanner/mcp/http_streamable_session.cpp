// The Streamable HTTP transport (MCP 2025-03-26 and later): every message is a POST; the
// answer comes back as one JSON body or as an SSE stream that may carry server requests and
// notifications before it.
#include <algorithm>

#include "scanner/mcp/escape.h"
#include "scanner/mcp/handshake.h"
#include "scanner/mcp/http_inbox.h"
#include "scanner/mcp/http_session.h"
#include "scanner/mcp/http_sse_parser.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

using nlohmann::json;

std::string seconds(std::chrono::milliseconds ms) {
  auto s = std::to_string(ms.count() / 1000.0);
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s + "s";
}

class StreamableHttpSession : public HttpSession {
 public:
  StreamableHttpSession(const RemoteSpec& spec, const ClientLimits& limits)
      : spec_(spec),
        limits_(limits),
        transfers_(limits.max_total_bytes, std::min(limits.request_timeout, std::chrono::milliseconds(10000))),
        inbox_(limits.max_json_depth, [this](const json& m) { post_quietly(m); }),
        session_deadline_(Clock::now() + limits.total_timeout) {}

  ~StreamableHttpSession() override { close(); }

  ServerInfo initialize() override {
    RpcResponse response = request("initialize", initialize_params());
    ServerInfo info = server_info_from_initialize(response, inbox_.warnings());
    protocol_version_ = info.protocol_version;
    notify("notifications/initialized");
    return info;
  }

  RpcResponse request(const std::string& method, const json& params) override {
    int64_t id = next_id_++;
    inbox_.expect(id);
    auto stream = transfers_.start(post(make_request(id, method, params)), limits_.max_total_bytes);
    SseParser parser(limits_.max_message_bytes);
    std::string context = "in the answer to " + method + " from " + spec_.url;
    auto done = [&] {
      if (!stream->error.empty() || stream->finished) return true;
      if (!stream->headers_done) return false;
      if (stream->status < 200 || stream->status >= 300) return true;
      if (stream->content_type == "text/event-stream") {
        std::vector<SseEvent> events;
        bool ok = parser.feed(stream->body, events);
        stream->body.clear();
        if (!ok) throw target_error(parser.error() + " " + context);
        for (const auto& e : events)
          if (e.event == "message" && !e.data.empty()) inbox_.receive(e.data, context);
        return inbox_.answered();
      }
      if (stream->received > limits_.max_message_bytes)
        throw target_error("the answer to " + method + " exceeded " + std::to_string(limits_.max_message_bytes) +
                           " bytes");
      return false;
    };
    auto timeout = limits_.request_timeout;
    bool in_time = transfers_.run_until(done, std::min(Clock::now() + timeout, session_deadline_));
    if (!in_time) {
      transfers_.stop(stream);
      throw target_error("no answer to " + method + " from " + spec_.url + " within " + seconds(timeout));
    }
    if (inbox_.answered()) {
      transfers_.stop(stream);  // the stream may stay open; what we asked for has come
      return inbox_.take();
    }
    if (!stream->error.empty()) throw target_error(http_failure(*stream, spec_.url, method));
    if (stream->status < 200 || stream->status >= 300) throw target_error(http_failure(*stream, spec_.url, method));
    if (method == "initialize" && !stream->session_id.empty()) session_id_ = stream->session_id;
    if (stream->content_type == "text/event-stream") {
      std::vector<SseEvent> events;
      parser.feed(stream->body + "\n\n", events);  // a last event without its blank line
      for (const auto& e : events)
        if (e.event == "message" && !e.data.empty()) inbox_.receive(e.data, context);
    } else if (stream->content_type == "application/json") {
      inbox_.receive(stream->body, context);
    } else {
      throw target_error(spec_.url + " answered " + method + " with content type \"" +
                         escape_for_message(stream->content_type, 60) + "\", not JSON or an event stream");
    }
    if (!inbox_.answered()) throw target_error(spec_.url + " ended its answer to " + method + " without a response to it");
    return inbox_.take();
  }

  void close() override {
    if (closed_) return;
    closed_ = true;
    if (session_id_.empty()) return;
    // Politely end the server's session; a server that ignores this costs at most a second.
    HttpRequest del;
    del.method = "DELETE";
    del.url = spec_.url;
    del.headers = common_headers();
    auto stream = transfers_.start(del, 4096);
    transfers_.run_until([&] { return stream->finished || stream->headers_done; }, Clock::now() + std::chrono::seconds(1));
  }

  std::vector<std::string> warnings() const override { return inbox_.warnings(); }

 private:
  Headers common_headers() const {
    Headers h = spec_.headers;
    if (!session_id_.empty()) h.emplace_back("Mcp-Session-Id", session_id_);
    if (!protocol_version_.empty()) h.emplace_back("MCP-Protocol-Version", protocol_version_);
    return h;
  }

  HttpRequest post(const json& message) const {
    HttpRequest r;
    r.url = spec_.url;
    r.headers = common_headers();
    r.headers.emplace_back("Content-Type", "application/json");
    r.headers.emplace_back("Accept", "application/json, text/event-stream");
    r.body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
  }

  void notify(const std::string& method) {
    auto stream = transfers_.start(post(make_notification(method, nullptr)), 64u << 10);
    bool in_time = transfers_.run_until([&] { return stream->finished || stream->headers_done || !stream->error.empty(); },
                                        std::min(Clock::now() + limits_.request_timeout, session_deadline_));
    if (!in_time) throw target_error("no answer to " + method + " from " + spec_.url);
    if (!stream->error.empty() || stream->status >= 300) throw target_error(http_failure(*stream, spec_.url, method));
    transfers_.stop(stream);
  }

  // Our answers to the server's requests (ping): sent, not waited for.
  void post_quietly(const json& message) { transfers_.start(post(message), 64u << 10); }

  RemoteSpec spec_;
  ClientLimits limits_;
  HttpTransfers transfers_;
  RpcInbox inbox_;
  Clock::time_point session_deadline_;
  int64_t next_id_ = 1;
  std::string session_id_;
  std::string protocol_version_;
  bool closed_ = false;
};

}  // namespace

std::string http_failure(const HttpStream& s, const std::string& url, const std::string& what) {
  if (s.status >= 300 && s.status < 400)
    return url + " answered " + what + " with a redirect (HTTP " + std::to_string(s.status) + ") to " +
           escape_for_message(s.location, 120) + "; mcp-assay contacts only the address you named";
  if (!s.error.empty()) return "could not exchange " + what + " with " + url + ": " + escape_for_message(s.error, 200);
  return url + " answered " + what + " with HTTP " + std::to_string(s.status);
}

std::unique_ptr<HttpSession> open_streamable_http(const RemoteSpec& spec, const ClientLimits& limits) {
  std::string why;
  if (!valid_http_url(spec.url, &why)) throw usage_error("not a usable server URL: " + spec.url + ": " + why);
  return std::make_unique<StreamableHttpSession>(spec, limits);
}

}  // namespace assay::mcp
