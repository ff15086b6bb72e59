// One reader for every client's way of writing a server entry.
#include <doctest/doctest.h>

#include "scanner/discovery/config_servers.h"
#include "scanner/discovery/redact.h"

using namespace assay::discovery;

namespace {

ConfigServers read(const std::string& text, const std::string& client = "test", ConfigFormat f = ConfigFormat::json) {
  return servers_in_config(load_config_text("t", text, f), client, "user");
}

}  // namespace

TEST_SUITE("discovery") {
  TEST_CASE("a command entry is stdio with args, env and cwd in order") {
    auto r = read(R"({"mcpServers": {"a": {"command": "npx", "args": ["-y", "pkg"], "env": {"K": "v"}, "cwd": "/w"}}})");
    REQUIRE(r.servers.size() == 1);
    const auto& s = r.servers[0];
    CHECK(s.transport == Transport::stdio);
    CHECK(s.command == "npx");
    REQUIRE(s.args.size() == 2);
    CHECK(s.args[1].value == "pkg");
    CHECK(s.env[0].key == "K");
    CHECK(s.cwd == "/w");
  }

  TEST_CASE("URL entries pick their transport from type, the key name, the client, or the path") {
    auto r = read(R"({"mcpServers": {
      "typed": {"type": "sse", "url": "http://h/events"},
      "http": {"type": "http", "url": "http://h/mcp"},
      "gem": {"httpUrl": "http://h/mcp"},
      "bare": {"url": "http://h/mcp"},
      "bare-sse": {"url": "http://h/sse"},
      "wind": {"serverUrl": "http://h/mcp"}}})");
    REQUIRE(r.servers.size() == 6);
    CHECK(r.servers[0].transport == Transport::sse);              // typed
    CHECK(r.servers[1].transport == Transport::streamable_http);  // http
    CHECK(r.servers[2].transport == Transport::streamable_http);  // gem
    CHECK(r.servers[3].transport == Transport::streamable_http);  // bare
    CHECK(r.servers[4].transport == Transport::sse);              // bare-sse
    CHECK(r.servers[5].url.value == "http://h/mcp");              // wind
    auto g = read(R"({"mcpServers": {"x": {"url": "http://h/mcp"}}})", "gemini-cli");
    CHECK(g.servers[0].transport == Transport::sse);  // Gemini's bare url is SSE; httpUrl is streamable
  }

  TEST_CASE("Zed's older command object, Goose's cmd and envs, Codex's inline bearer token") {
    auto z = read(R"({"context_servers": {"z": {"command": {"path": "/bin/x", "args": ["stdio"], "env": {"T": "1"}}}}})");
    REQUIRE(z.servers.size() == 1);
    CHECK(z.servers[0].command == "/bin/x");
    CHECK(z.servers[0].args[0].value == "stdio");
    CHECK(z.servers[0].env[0].key == "T");
    auto g = read("extensions:\n  dev:\n    type: builtin\n    name: developer\n  gh:\n    type: stdio\n    cmd: npx\n    envs:\n      A: b\n",
                  "goose", ConfigFormat::yaml);
    REQUIRE(g.servers.size() == 1);
    CHECK(g.servers[0].command == "npx");
    CHECK(g.servers[0].env[0].key == "A");
    CHECK(g.skipped.size() == 1);
    auto c = read("[mcp_servers.n]\nurl = \"https://n/mcp\"\nbearer_token = \"tok-123456789\"\n", "codex", ConfigFormat::toml);
    REQUIRE(c.servers[0].headers.size() == 1);
    CHECK(c.servers[0].headers[0].value == "Bearer tok-123456789");
  }

  TEST_CASE("Continue's list form names servers by their name field; the older transport object is read") {
    auto y = read("mcpServers:\n  - name: SQLite MCP\n    command: npx\n", "continue", ConfigFormat::yaml);
    REQUIRE(y.servers.size() == 1);
    CHECK(y.servers[0].name == "SQLite MCP");
    auto j = read(R"({"experimental": {"modelContextProtocolServers": [{"transport": {"type": "stdio", "command": "uvx", "args": ["s"]}}]}})",
                  "continue");
    REQUIRE(j.servers.size() == 1);
    CHECK(j.servers[0].command == "uvx");
  }

  TEST_CASE("disabled servers are still listed, marked disabled") {
    auto r = read(R"({"mcpServers": {"a": {"command": "x", "disabled": true}, "b": {"command": "y", "enabled": false}}})");
    REQUIRE(r.servers.size() == 2);
    CHECK(r.servers[0].disabled);
    CHECK(r.servers[1].disabled);
  }

  TEST_CASE("an entry with neither command nor URL is skipped with its line") {
    auto r = read("{\n\"mcpServers\": {\n\"a\": {\"args\": []}}}");
    CHECK(r.servers.empty());
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0] == "t:3: a: declares neither a command nor a URL");
  }

  TEST_CASE("credentials are shown as a prefix and a length, references and placeholders as they are") {
    CHECK(redact("ghp_R8x2Kq7LmN4pVt9WzY3aBc6DeF1gHj5kMn0P") == "ghp_…(40 chars)");
    CHECK(shown_value("GITHUB_TOKEN", "abcdefghijklmnop12") == "abcd…(18 chars)");
    CHECK(shown_value("GITHUB_TOKEN", "${GITHUB_TOKEN}") == "${GITHUB_TOKEN}");
    CHECK(shown_value("Authorization", "Bearer ${input:tok}") == "Bearer ${input:tok}");
    CHECK(shown_value("X-Anything", "Bearer abcdefghijklmnopqrstuvwxyz") == "Bearer abcd…(26 chars)");
    CHECK(shown_value("LOG_LEVEL", "debug") == "debug");
    CHECK(shown_value("API_KEY", "<YOUR_API_KEY>") == "<YOUR_API_KEY>");
    CHECK(shown_arg("", "--api-key=sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123") == "--api-key=sk_l…(38 chars)");
    CHECK(shown_arg("--token", "abcdefgh12345678") == "abcd…(16 chars)");
    CHECK(shown_arg("", "postgresql://shop:s3cr3t-Pa55word@localhost/shop") == "postgresql://shop:s3…(15 chars)@localhost/shop");
    CHECK(shown_url("https://h/mcp?api_key=abcdefgh12345678&x=1") == "https://h/mcp?api_key=abcd…(16 chars)&x=1");
  }
}
