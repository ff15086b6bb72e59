// Per-connection protocol decisions for the sinkhole (see the header for the reply policy).
#include "sandbox/net/sinkhole_stream.h"

#include "sandbox/net/http_request_head.h"
#include "sandbox/net/tls_client_hello.h"

namespace assay::sandbox {

namespace {
const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
const char kOk[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}  // namespace

void SinkholeStream::classify() {
  if (kind_ != Kind::unknown || captured_.empty()) return;
  if (static_cast<unsigned char>(captured_[0]) == 0x16) {
    kind_ = Kind::tls;
  } else if (auto head = parse_http_request_head(captured_)) {
    // A method token alone ("POS") is not yet a request; wait for the space after it.
    if (head->request_line.find(' ') != std::string::npos) kind_ = Kind::http;
  } else {
    kind_ = Kind::other;
  }
}

std::string SinkholeStream::advance_http() {
  auto head = parse_http_request_head(captured_);
  if (!head) {
    kind_ = Kind::other;
    return {};
  }
  if (!head->complete) return {};
  head_complete_ = true;
  std::string reply;
  const std::size_t body = captured_.size() - head->body_offset;
  bool body_done = false;
  if (head->chunked) {
    body_done = captured_.find("\r\n0\r\n\r\n", head->body_offset - 2) != std::string::npos;
  } else if (head->content_length) {
    body_done = body >= *head->content_length;
  } else {
    body_done = true;  // no body announced: a GET, or a body we could not frame
  }
  if (!body_done && head->expect_continue && !sent_continue_ && body == 0) {
    sent_continue_ = true;
    reply = kContinue;
  }
  if (body_done) {
    finished_ = true;
    sent_response_ = true;
    reply += kOk;
  }
  return reply;
}

std::string SinkholeStream::take(std::string_view bytes) {
  if (finished_) return {};
  const std::size_t room = max_bytes_ - captured_.size();
  const bool capped = bytes.size() >= room;
  truncated_ = truncated_ || bytes.size() > room;
  captured_.append(bytes.substr(0, room));
  classify();
  std::string reply;
  if (kind_ == Kind::tls) {
    if (parse_tls_client_hello(captured_).status != TlsHelloStatus::incomplete) finished_ = true;
  } else if (kind_ == Kind::http && (head_complete_ || bytes.find('\n') != std::string_view::npos)) {
    // Until the head is complete only a new line can change the verdict: skipping the re-parse
    // otherwise keeps a client trickling one byte at a time from costing quadratic work.
    reply = advance_http();
  }
  if (capped && !finished_) reply += finish();
  return reply;
}

std::string SinkholeStream::finish() {
  finished_ = true;
  if (kind_ == Kind::unknown && !captured_.empty()) kind_ = Kind::other;
  if (kind_ == Kind::http && !sent_response_) {
    sent_response_ = true;
    return kOk;
  }
  return {};
}

std::string SinkholeStream::summary() const {
  if (kind_ == Kind::tls) {
    TlsClientHello hello = parse_tls_client_hello(captured_);
    if (!hello.sni.empty()) return "tls sni=" + hello.sni;
    return hello.status == TlsHelloStatus::malformed ? "tls (malformed ClientHello)" : "tls";
  }
  if (kind_ == Kind::http) {
    auto head = parse_http_request_head(captured_);
    if (!head) return "";
    std::string out = "http " + head->request_line;
    if (!head->host.empty()) out += " host=" + head->host;
    return out;
  }
  return "";
}

}  // namespace assay::sandbox
