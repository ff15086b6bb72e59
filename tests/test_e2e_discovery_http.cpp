// End-to-end over HTTP: `mcp-assay scan --url` and a client config naming a URL server, against
// the SDK fixture server; findings point into the inventory and back at the config entry.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "test_mcp_http_fixture.h"

using assay::mcp::test::HttpFixture;
using assay::testing::run_cli;
using assay::testing::test_dir;
using nlohmann::json;

TEST_SUITE("e2e-discovery") {
  TEST_CASE("scan --url over Streamable HTTP lists the server and exits 0 with nothing to report") {
    HttpFixture server("http-weather/server.mjs");
    auto dir = test_dir("url-streamable");
    auto r = run_cli({"scan", "--format", "json", "--inventory-dir", dir.string(), "--url", server.url("/mcp")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    auto report = json::parse(r.out);
    REQUIRE(report["targets"].size() == 1);
    CHECK(report["targets"][0]["status"] == "scanned");
    CHECK(report["targets"][0]["ranUnsandboxed"] == false);
    CHECK(report["targets"][0]["tools"] == 2);
    CHECK(report["findings"].empty());
  }

  TEST_CASE("scan --url over HTTP+SSE lists the server") {
    HttpFixture server("http-weather/server.mjs");
    auto dir = test_dir("url-sse");
    auto r = run_cli({"scan", "--format", "json", "--inventory-dir", dir.string(), "--url", server.url("/sse")});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(json::parse(r.out)["targets"][0]["tools"] == 2);
  }

  TEST_CASE("--header reaches the server, and a 401 without it is a failed target, exit 3") {
    HttpFixture server("http-weather/server.mjs", {"--require-header", "X-Api-Key: fixture-key-12345"});
    auto dir = test_dir("url-header");
    auto denied = run_cli({"scan", "--inventory-dir", dir.string(), "--url", server.url("/mcp")});
    CHECK(denied.exit_code == 3);
    CHECK(denied.err.find("HTTP 401") != std::string::npos);
    auto ok = run_cli({"scan", "--inventory-dir", dir.string(), "--url", server.url("/mcp"), "--header", "X-Api-Key: fixture-key-12345"});
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
  }

  TEST_CASE("a config naming a URL server is scanned live; its findings also point at the config entry") {
    HttpFixture server("http-weather/server.mjs", {"--require-header", "Authorization: Bearer wx_live_Zr82Lm4Nq7Kt1Yp5"});
    auto dir = test_dir("config-url");
    auto config = dir / ".cursor" / "mcp.json";
    std::filesystem::create_directories(config.parent_path());
    std::ofstream(config) << "{\n  \"mcpServers\": {\n    \"weather\": {\n      \"url\": \"" << server.url("/mcp")
                          << "\",\n      \"headers\": {\"Authorization\": \"Bearer wx_live_Zr82Lm4Nq7Kt1Yp5\"}\n    }\n  }\n}\n";
    auto r = run_cli({"scan", "--format", "sarif", "--inventory-dir", dir.string(), config.string()});
    INFO(r.err);
    CHECK(r.exit_code == 1);  // the literal bearer token is MCP302, high
    auto sarif = json::parse(r.out);
    const auto& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 1);
    CHECK(results[0]["ruleId"] == "MCP302");
    CHECK(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 5);
    CHECK(r.out.find("wx_live_Zr82Lm4Nq7Kt1Yp5") == std::string::npos);
    const auto& inv = sarif["runs"][0]["invocations"][0];
    INFO(inv.dump());
    CHECK(r.err.find("could not scan") == std::string::npos);
  }

  TEST_CASE("findings about a URL server from a config point into its inventory and back at the config entry") {
    HttpFixture server("http-weather/server.mjs", {"--poisoned"});
    auto dir = test_dir("config-url-poisoned");
    auto config = dir / "mcp.json";
    std::ofstream(config) << "{\n  \"mcpServers\": {\n    \"weather\": {\"type\": \"http\", \"url\": \"" << server.url("/mcp")
                          << "\"}\n  }\n}\n";
    auto r = run_cli({"scan", "--format", "sarif", "--inventory-dir", dir.string(), config.string()});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    auto results = json::parse(r.out)["runs"][0]["results"];
    REQUIRE(results.size() >= 1);
    for (const auto& res : results) {
      CHECK(res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>().ends_with(".inventory.json"));
      REQUIRE(res.contains("relatedLocations"));
      const auto& related = res["relatedLocations"][0]["physicalLocation"];
      CHECK(related["artifactLocation"]["uri"].get<std::string>().ends_with("mcp.json"));
      CHECK(related["region"]["startLine"] == 3);
    }
  }

  TEST_CASE("a redirecting URL is a failed target naming where it pointed; nothing else is contacted") {
    HttpFixture server("http-hostile/server.mjs");
    auto dir = test_dir("url-redirect");
    auto r = run_cli({"scan", "--timeout", "2", "--inventory-dir", dir.string(), "--url", server.url("/redirect")});
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("attacker.example") != std::string::npos);
    CHECK(r.err.find("only the address you named") != std::string::npos);
  }

  TEST_CASE("a server that never answers fails within the --timeout") {
    HttpFixture server("http-hostile/server.mjs");
    auto dir = test_dir("url-hang");
    auto start = std::chrono::steady_clock::now();
    auto r = run_cli({"scan", "--timeout", "1", "--inventory-dir", dir.string(), "--url", server.url("/hang")});
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.exit_code == 3);
    CHECK(r.err.find("no answer to initialize") != std::string::npos);
    CHECK(took < 6);
  }
}
