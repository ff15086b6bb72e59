// SinkholeStream: what the sinkhole keeps, answers and concludes for one connection's bytes.
#include "sandbox/net/sinkhole_stream.h"
#include "sandbox_net_support.h"

#include <doctest/doctest.h>

using namespace assay::sandbox;
using namespace sandbox_net_test;

namespace {
const std::string kOk = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}

TEST_SUITE("sandbox net stream") {
  TEST_CASE("a GET is answered 200 as soon as its head is complete") {
    SinkholeStream s(16384);
    CHECK(s.take("GET /payload.sh HTTP/1.1\r\nHost: evil.example\r\n").empty());
    CHECK_FALSE(s.finished());
    CHECK(s.take("\r\n") == kOk);
    CHECK(s.finished());
    CHECK(s.summary() == "http GET /payload.sh HTTP/1.1 host=evil.example");
    CHECK(s.finish().empty());  // the answer is not sent twice
  }

  TEST_CASE("a POST is answered only after its whole body, so the body is captured") {
    SinkholeStream s(16384);
    CHECK(s.take("POST /c HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n01234").empty());
    CHECK_FALSE(s.finished());
    CHECK(s.take("56789") == kOk);
    CHECK(s.captured().substr(s.captured().size() - 10) == "0123456789");
  }

  TEST_CASE("Expect: 100-continue gets 100 Continue before the body, 200 after it") {
    SinkholeStream s(16384);
    CHECK(s.take("PUT /u HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n") ==
          "HTTP/1.1 100 Continue\r\n\r\n");
    CHECK(s.take("abc") == kOk);
  }

  TEST_CASE("a chunked body ends at its zero chunk") {
    SinkholeStream s(16384);
    CHECK(s.take("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n").empty());
    CHECK(s.take("0\r\n\r\n") == kOk);
  }

  TEST_CASE("a request arriving one byte at a time is recognised") {
    const std::string request = "POST /x HTTP/1.1\r\nHost: slow.example\r\nContent-Length: 2\r\n\r\nhi";
    SinkholeStream s(16384);
    std::string replies;
    for (char c : request) replies += s.take(std::string(1, c));
    CHECK(replies == kOk);
    CHECK(s.summary() == "http POST /x HTTP/1.1 host=slow.example");
  }

  TEST_CASE("a TLS ClientHello ends the stream with its SNI as the summary") {
    SinkholeStream s(16384);
    const std::string hello = read_fixture("client-hello-python-openssl.bin");
    CHECK(s.take(hello.substr(0, 100)).empty());
    CHECK_FALSE(s.finished());
    CHECK(s.take(hello.substr(100)).empty());
    CHECK(s.finished());
    CHECK(s.summary() == "tls sni=api.exfil-collector.example");
  }

  TEST_CASE("raw bytes are kept until the cap, which ends the stream and marks it truncated") {
    SinkholeStream s(10);
    CHECK(s.take("SSH-2.0-").empty());
    CHECK_FALSE(s.finished());
    CHECK(s.take("OpenSSH_9").empty());
    CHECK(s.finished());
    CHECK(s.truncated());
    CHECK(s.captured() == "SSH-2.0-Op");
    CHECK(s.summary().empty());
    CHECK(s.take("more").empty());
    CHECK(s.captured().size() == 10);
  }

  TEST_CASE("an HTTP body larger than the cap still gets its 200 when the cap is hit") {
    SinkholeStream s(64);
    std::string reply = s.take("POST /big HTTP/1.1\r\nContent-Length: 100000\r\n\r\n" + std::string(1000, 'x'));
    CHECK(reply == kOk);
    CHECK(s.truncated());
    CHECK(s.summary() == "http POST /big HTTP/1.1");
  }

  TEST_CASE("an exactly full capture is not called truncated") {
    SinkholeStream s(4);
    s.take("abcd");
    CHECK(s.finished());
    CHECK_FALSE(s.truncated());
  }
}
