// parse_http_request_head: request line, Host and body framing from a client's first bytes.
#include "sandbox/net/http_request_head.h"

#include <doctest/doctest.h>

using namespace assay::sandbox;

TEST_SUITE("sandbox net http") {
  TEST_CASE("a POST with a body: request line, host, length and body offset") {
    const std::string request =
        "POST /collect?id=7 HTTP/1.1\r\nHost: exfil.example:8080\r\nContent-Type: application/json\r\n"
        "content-length: 11\r\n\r\n{\"k\":\"v\"}\r\n";
    auto head = parse_http_request_head(request);
    REQUIRE(head);
    CHECK(head->request_line == "POST /collect?id=7 HTTP/1.1");
    CHECK(head->host == "exfil.example:8080");
    CHECK(head->complete);
    CHECK(head->content_length == 11u);
    CHECK(request.substr(head->body_offset) == "{\"k\":\"v\"}\r\n");
    CHECK_FALSE(head->chunked);
    CHECK_FALSE(head->expect_continue);
  }

  TEST_CASE("curl's Expect: 100-continue and chunked framing are noticed, bare LF lines accepted") {
    auto head = parse_http_request_head("PUT /u HTTP/1.1\nHOST:  h.example \nTransfer-Encoding: gzip, chunked\n"
                                        "Expect: 100-continue\n\n");
    REQUIRE(head);
    CHECK(head->host == "h.example");
    CHECK(head->chunked);
    CHECK(head->expect_continue);
    CHECK(head->complete);
  }

  TEST_CASE("a request still arriving is recognised but incomplete") {
    auto partial = parse_http_request_head("GET /index.html HTTP/1.1\r\nHost: a.exam");
    REQUIRE(partial);
    CHECK(partial->request_line == "GET /index.html HTTP/1.1");
    CHECK(partial->host.empty());
    CHECK_FALSE(partial->complete);
    auto method_only = parse_http_request_head("POS");
    REQUIRE(method_only);
    CHECK_FALSE(method_only->complete);
  }

  TEST_CASE("bytes that are not an HTTP request") {
    CHECK_FALSE(parse_http_request_head(""));
    CHECK_FALSE(parse_http_request_head("SSH-2.0-OpenSSH_9.2\r\n"));
    CHECK_FALSE(parse_http_request_head("get / HTTP/1.1\r\n"));
    CHECK_FALSE(parse_http_request_head("GET / FTP/1.0\r\n"));
    CHECK_FALSE(parse_http_request_head(std::string("\x16\x03\x01", 3)));
    CHECK_FALSE(parse_http_request_head("ABCDEFGHIJKLMNOPQRSTUVWXYZ / HTTP/1.1\r\n"));
  }

  TEST_CASE("hostile heads: control characters, absurd lengths, endless headers") {
    auto head = parse_http_request_head("GET /\x1b[2J HTTP/1.1\r\nHost: x\x07y\r\nContent-Length: 99999999999999999999\r\n\r\n");
    REQUIRE(head);
    CHECK(head->request_line == "GET /?[2J HTTP/1.1");
    CHECK(head->host == "x?y");
    CHECK_FALSE(head->content_length);
    std::string endless = "GET / HTTP/1.1\r\n";
    while (endless.size() < 100000) endless += "X-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    auto capped = parse_http_request_head(endless + "\r\n");
    REQUIRE(capped);
    CHECK_FALSE(capped->complete);
    auto long_line = parse_http_request_head("GET /" + std::string(50000, 'a') + " HTTP/1.1\r\n\r\n");
    REQUIRE(long_line);  // plausible, still arriving: the line does not end in the first 16 KiB
    CHECK_FALSE(long_line->complete);
    CHECK(long_line->request_line.size() == 2048);
  }
}
