// What the sinkhole makes of one accepted connection's bytes: how much to keep, what to answer,
// when there is nothing more worth waiting for, and a one-line label (TLS SNI, HTTP request).
// No sockets here, so the decisions are testable byte by byte.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::sandbox {

class SinkholeStream {
 public:
  explicit SinkholeStream(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // Bytes the client sent; returns bytes to send back (often empty). Bytes beyond max_bytes are
  // dropped and end the stream.
  //  - TLS: a whole (or broken) ClientHello ends the stream. We cannot complete a handshake, and
  //    closing at once fails the client fast instead of leaving it waiting for a ServerHello.
  //  - HTTP: "100 Continue" when the client asks for it (curl waits up to a second for it before
  //    sending a body), then, once the body announced by Content-Length or chunked framing has
  //    arrived, an empty "200 OK" with Connection: close. Answering after the body means the
  //    exfiltrated payload is in the capture; answering at all means a client that awaits the
  //    response carries on (to its next request, which we then see too) instead of hanging.
  //  - Anything else: kept until the cap, end of input or the caller's deadline.
  std::string take(std::string_view bytes);
  // The client half-closed or the deadline passed: returns a final reply, if one is owed.
  std::string finish();

  bool finished() const { return finished_; }
  bool truncated() const { return truncated_; }
  const std::string& captured() const { return captured_; }
  // "tls sni=api.example.com", "tls", "http POST /x HTTP/1.1 host=h", or "" for other bytes.
  std::string summary() const;

 private:
  enum class Kind { unknown, tls, http, other };
  void classify();
  std::string advance_http();

  std::size_t max_bytes_;
  std::string captured_;
  Kind kind_ = Kind::unknown;
  bool finished_ = false;
  bool truncated_ = false;
  bool head_complete_ = false;
  bool sent_continue_ = false;
  bool sent_response_ = false;
};

}  // namespace assay::sandbox
