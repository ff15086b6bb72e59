// Event-stream framing: the line endings, multi-line data, comments and the size bound.
#include <doctest/doctest.h>

#include "scanner/mcp/http_sse_parser.h"

using assay::mcp::SseEvent;
using assay::mcp::SseParser;

TEST_SUITE("mcp-http") {
  TEST_CASE("events split across feeds, with CRLF, LF and CR endings, come out whole") {
    SseParser p(1000);
    std::vector<SseEvent> out;
    CHECK(p.feed("event: endpoint\r\ndata: /messages?session", out));
    CHECK(out.empty());
    CHECK(p.feed("Id=1\r\n\r\n: keep-alive comment\n\ndata: {\"a\":\n", out));
    CHECK(p.feed("data: 1}\r\rid: 7\n\n", out));
    REQUIRE(out.size() == 2);
    CHECK(out[0].event == "endpoint");
    CHECK(out[0].data == "/messages?sessionId=1");
    CHECK(out[1].event == "message");
    CHECK(out[1].data == "{\"a\":\n1}");
  }

  TEST_CASE("an event without data is not dispatched") {
    SseParser p(1000);
    std::vector<SseEvent> out;
    CHECK(p.feed("event: ping\n\n", out));
    CHECK(out.empty());
  }

  TEST_CASE("one event growing past the bound is an error, however it is split") {
    SseParser p(64);
    std::vector<SseEvent> out;
    bool ok = true;
    for (int i = 0; i < 20 && ok; ++i) ok = p.feed("data: 0123456789\n", out);
    CHECK_FALSE(ok);
    CHECK(p.error().find("exceeded 64 bytes") != std::string::npos);
  }
}
