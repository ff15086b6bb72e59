// The HTTP transports against the official SDK's server transports and against hostile
// endpoints: every failure is one line, within the deadline, and no other host is contacted.
#include <doctest/doctest.h>

#include <chrono>

#include "scanner/mcp/http_client.h"
#include "scanner/model/error.h"
#include "test_mcp_http_fixture.h"

using namespace assay;
using namespace assay::mcp;
using assay::mcp::test::HttpFixture;

namespace {

ClientLimits quick(int request_ms = 10000) {
  ClientLimits l;
  l.request_timeout = std::chrono::milliseconds(request_ms);
  l.total_timeout = std::chrono::milliseconds(60000);
  return l;
}

RemoteSpec spec(const std::string& url, HttpTransport t = HttpTransport::streamable_http, bool fall_back = false) {
  RemoteSpec s;
  s.url = url;
  s.transport = t;
  s.fall_back = fall_back;
  return s;
}

std::string failure(const RemoteSpec& s, const ClientLimits& l, double* seconds = nullptr) {
  auto start = std::chrono::steady_clock::now();
  std::string what = "no error";
  try {
    fetch_inventory_http(s, l);
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::target);
    what = e.what();
  }
  if (seconds) *seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return what;
}

void check_weather(const Inventory& inv) {
  CHECK(inv.server.name == "weather-http");
  CHECK(inv.origin == InventoryOrigin::live_remote);
  REQUIRE(inv.tools.size() == 2);
  CHECK(inv.tools[0].name == "get_forecast");
  CHECK(inv.prompts.size() == 1);
  CHECK(inv.resources.size() == 1);
  CHECK(inv.server.instructions.find("get_alerts") != std::string::npos);
}

}  // namespace

TEST_SUITE("mcp-http") {
  TEST_CASE("Streamable HTTP lists a real SDK server whose answers come as SSE streams") {
    HttpFixture server("http-weather/server.mjs");
    check_weather(fetch_inventory_http(spec(server.url("/mcp")), quick()).inventory);
  }

  TEST_CASE("Streamable HTTP lists a real SDK server whose answers come as JSON bodies") {
    HttpFixture server("http-weather/server.mjs", {"--json-response"});
    check_weather(fetch_inventory_http(spec(server.url("/mcp")), quick()).inventory);
  }

  TEST_CASE("HTTP+SSE lists a real SDK server through the endpoint its event stream names") {
    HttpFixture server("http-weather/server.mjs");
    check_weather(fetch_inventory_http(spec(server.url("/sse"), HttpTransport::sse), quick()).inventory);
  }

  TEST_CASE("headers from the config reach the server; without them it is a clear HTTP 401") {
    HttpFixture server("http-weather/server.mjs", {"--require-header", "Authorization: Bearer fixture-token-1"});
    auto s = spec(server.url("/mcp"));
    CHECK(failure(s, quick()).find("HTTP 401") != std::string::npos);
    s.headers.emplace_back("Authorization", "Bearer fixture-token-1");
    check_weather(fetch_inventory_http(s, quick()).inventory);
  }

  TEST_CASE("a server that refuses Streamable HTTP is tried over HTTP+SSE") {
    HttpFixture server("http-weather/server.mjs");
    // POST /sse is 404 on the fixture; GET /sse is the SSE transport.
    auto inv = fetch_inventory_http(spec(server.url("/sse"), HttpTransport::streamable_http, true), quick()).inventory;
    check_weather(inv);
    CHECK(!inv.warnings.empty());
  }

  TEST_CASE("a server that never answers fails at the request deadline") {
    HttpFixture server("http-hostile/server.mjs");
    double took = 0;
    auto why = failure(spec(server.url("/hang")), quick(1000), &took);
    CHECK(why.find("no answer to initialize") != std::string::npos);
    CHECK(took < 5);
  }

  TEST_CASE("a server that streams unrelated events forever fails at the deadline") {
    HttpFixture server("http-hostile/server.mjs");
    double took = 0;
    auto why = failure(spec(server.url("/stream-forever")), quick(1000), &took);
    CHECK(why.find("no answer to initialize") != std::string::npos);
    CHECK(took < 5);
  }

  TEST_CASE("an endless body is cut at the message cap") {
    HttpFixture server("http-hostile/server.mjs");
    auto l = quick(10000);
    l.max_message_bytes = 1u << 20;
    double took = 0;
    auto why = failure(spec(server.url("/huge")), l, &took);
    CHECK(why.find("exceeded") != std::string::npos);
    CHECK(took < 10);
  }

  TEST_CASE("a redirect to another host is refused, not followed") {
    HttpFixture server("http-hostile/server.mjs");
    auto why = failure(spec(server.url("/redirect")), quick());
    CHECK(why.find("redirect (HTTP 307) to http://attacker.example/mcp") != std::string::npos);
    CHECK(why.find("only the address you named") != std::string::npos);
  }

  TEST_CASE("an SSE endpoint event pointing at another origin is refused") {
    HttpFixture server("http-hostile/server.mjs");
    auto why = failure(spec(server.url("/sse-offsite"), HttpTransport::sse), quick());
    CHECK(why.find("points at another origin") != std::string::npos);
  }

  TEST_CASE("an answer nested too deep and HTML served as JSON are rejected with a reason") {
    HttpFixture server("http-hostile/server.mjs");
    CHECK(failure(spec(server.url("/deep")), quick()).find("deep") != std::string::npos);
    CHECK(failure(spec(server.url("/not-json")), quick()).find("JSON") != std::string::npos);
  }

  TEST_CASE("nothing listening is a connection failure naming the URL") {
    auto why = failure(spec("http://127.0.0.1:9/mcp"), quick());
    CHECK(why.find("http://127.0.0.1:9/mcp") != std::string::npos);
  }

  TEST_CASE("only http and https URLs are accepted") {
    CHECK_THROWS_AS(fetch_inventory_http(spec("file:///etc/passwd"), quick()), AssayError);
    CHECK(resolve_url("http://h:1/sse", "/messages?sessionId=2") == "http://h:1/messages?sessionId=2");
    CHECK(url_origin("http://H:80/x") == url_origin("http://h/y"));
    CHECK(url_origin("http://h:81/x") != url_origin("http://h/y"));
  }
}
