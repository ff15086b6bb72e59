// End-to-end: `mcp-assay discover` on each client's fixture home, one claim per config format,
// and `mcp-assay scan` over configs (config findings, SARIF locations at the config entry).
#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.h"

using assay::testing::run_cli;
using nlohmann::json;

namespace {

json discover(const std::string& home_fixture, const std::string& project = "") {
  std::vector<std::string> args = {"discover", "--json", "--home", "testdata/configs/" + home_fixture};
  if (!project.empty()) args.insert(args.end(), {"--project", project});
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json& server(const json& d, const std::string& name) {
  for (const auto& s : d["servers"])
    if (s["name"] == name) return s;
  FAIL("no server named " << name << " in " << d.dump());
  static json none;
  return none;
}

std::set<std::string> names(const json& d) {
  std::set<std::string> out;
  for (const auto& s : d["servers"]) out.insert(s["name"].get<std::string>());
  return out;
}

}  // namespace

TEST_SUITE("e2e-discovery") {
  TEST_CASE("Claude Desktop on Linux: three stdio servers, with args, env and the line of each entry") {
    auto d = discover("claude-desktop");
    CHECK(names(d) == std::set<std::string>{"filesystem", "github", "memory"});
    const auto& fs = server(d, "filesystem");
    CHECK(fs["client"] == "claude-desktop");
    CHECK(fs["transport"] == "stdio");
    CHECK(fs["command"] == "npx");
    CHECK(fs["args"].size() == 4);
    CHECK(fs["line"] == 3);
    CHECK(fs["file"].get<std::string>().ends_with(".config/Claude/claude_desktop_config.json"));
    CHECK(server(d, "github")["env"]["GITHUB_PERSONAL_ACCESS_TOKEN"] == "ghp_…(40 chars)");
    CHECK(server(d, "memory")["env"]["MEMORY_FILE_PATH"] == "/home/dana/.local/share/claude-memory.json");
  }

  TEST_CASE("Claude Desktop on macOS and Windows locations are found too") {
    CHECK(names(discover("claude-desktop-macos")) == std::set<std::string>{"sqlite"});
    CHECK(names(discover("claude-desktop-windows")) == std::set<std::string>{"puppeteer"});
  }

  TEST_CASE("Claude Code: user servers over HTTP and SSE, and per-project servers with their scope") {
    auto d = discover("claude-code");
    CHECK(server(d, "sentry")["transport"] == "streamable-http");
    CHECK(server(d, "linear")["transport"] == "sse");
    CHECK(server(d, "linear")["headers"]["Authorization"] == "Bearer lin_…(44 chars)");
    CHECK(server(d, "postgres")["scope"] == "project:/home/dana/src/shop-api");
    CHECK(server(d, "postgres")["args"][2] == "postgresql://shop:s3…(15 chars)@localhost/shop");
  }

  TEST_CASE("Cursor: a URL server with a header reference and stdio servers") {
    auto d = discover("cursor");
    CHECK(server(d, "context7")["transport"] == "streamable-http");
    CHECK(server(d, "context7")["headers"]["CONTEXT7_API_KEY"] == "${env:CONTEXT7_API_KEY}");
    CHECK(server(d, "stripe")["args"][3] == "--api-key=sk_l…(38 chars)");
  }

  TEST_CASE("VS Code: JSONC user settings (mcp.servers) and the user mcp.json with inputs") {
    auto d = discover("vscode");
    CHECK(names(d) == std::set<std::string>{"fetch", "github-remote", "perplexity"});
    CHECK(server(d, "fetch")["line"] == 8);
    CHECK(server(d, "github-remote")["headers"]["Authorization"] == "Bearer ${input:github_token}");
  }

  TEST_CASE("Windsurf: serverUrl entries are remote servers") {
    auto d = discover("windsurf");
    CHECK(server(d, "figma")["url"] == "https://mcp.figma.com/mcp");
    CHECK(server(d, "brave-search")["env"]["BRAVE_API_KEY"] == "BSAq…(31 chars)");
  }

  TEST_CASE("Gemini CLI: httpUrl is Streamable HTTP, a bare url is SSE, cwd is kept") {
    auto d = discover("gemini-cli");
    CHECK(server(d, "github")["transport"] == "streamable-http");
    CHECK(server(d, "docs-sse")["transport"] == "sse");
    CHECK(server(d, "git")["cwd"] == "/home/dana/src/shop-api");
  }

  TEST_CASE("Codex: TOML tables, inline env tables, http_headers, and enabled = false") {
    auto d = discover("codex");
    CHECK(names(d) == std::set<std::string>{"docs", "notion", "figma", "legacy-search"});
    CHECK(server(d, "docs")["line"] == 4);
    CHECK(server(d, "docs")["env"]["DOCS_ROOT"] == "/home/dana/docs");
    CHECK(server(d, "figma")["headers"]["X-Figma-Token"] == "figd…(29 chars)");
    CHECK(server(d, "legacy-search")["disabled"] == true);
    CHECK(server(d, "notion")["headers"]["Authorization"] == "Bearer ${NOTION_MCP_TOKEN}");
  }

  TEST_CASE("Zed: context_servers in JSONC, the older command object and the flat form") {
    auto d = discover("zed");
    CHECK(server(d, "mcp-server-github")["command"] == "/usr/local/bin/github-mcp-server");
    CHECK(server(d, "local-notes")["args"][0] == "/home/dana/tools/notes-mcp/index.js");
    CHECK(server(d, "remote-tasks")["headers"]["Authorization"] == "Bearer <token>");
  }

  TEST_CASE("Continue: config.yaml list entries and a block file in mcpServers/") {
    auto d = discover("continue");
    CHECK(names(d) == std::set<std::string>{"SQLite MCP", "Browser", "Browser search"});
    CHECK(server(d, "Browser")["transport"] == "streamable-http");
    CHECK(server(d, "SQLite MCP")["line"] == 10);
  }

  TEST_CASE("Cline: the VS Code extension's globalStorage settings, a disabled SSE server") {
    auto d = discover("cline");
    CHECK(server(d, "weather")["client"] == "cline");
    CHECK(server(d, "remote-kb")["disabled"] == true);
    CHECK(server(d, "remote-kb")["transport"] == "sse");
  }

  TEST_CASE("Goose: stdio and streamable_http extensions; built-ins are skipped with a reason") {
    auto d = discover("goose");
    CHECK(names(d) == std::set<std::string>{"github", "tavily", "knowledge"});
    CHECK(server(d, "knowledge")["url"] == "http://127.0.0.1:8800/mcp");
    CHECK(server(d, "tavily")["disabled"] == true);
    REQUIRE(d["skipped"].size() == 1);
    CHECK(d["skipped"][0].get<std::string>().find("developer: a client built-in") != std::string::npos);
  }

  TEST_CASE("LM Studio and Amazon Q: Cursor-style mcp.json in their own homes") {
    CHECK(names(discover("lm-studio")) == std::set<std::string>{"hf-mcp-server", "time"});
    auto q = discover("amazon-q");
    CHECK(server(q, "terraform")["env"]["AWS_ACCESS_KEY_ID"] == "AKIA…(20 chars)");
    CHECK(server(q, "aws-docs")["env"]["AWS_PROFILE"] == "default");
  }

  TEST_CASE("a project's configs: .mcp.json, .cursor, .vscode, .gemini, .zed, .amazonq, .continue") {
    auto r = run_cli({"discover", "--json", "--no-home", "--project", "testdata/configs/project"});
    REQUIRE(r.exit_code == 0);
    auto d = json::parse(r.out);
    CHECK(names(d) == std::set<std::string>{"shop-db", "deploy-api", "shop-docs", "sentry", "shop-tests", "shop-lint",
                                            "shop-infra", "shop-search"});
    for (const auto& s : d["servers"]) CHECK(s["scope"] == "project");
  }

  TEST_CASE("discover prints a table with client, name, transport, target and file:line") {
    auto r = run_cli({"discover", "--home", "testdata/configs/claude-desktop"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("claude-desktop  github") != std::string::npos);
    CHECK(r.out.find("claude_desktop_config.json:12)") != std::string::npos);
    CHECK(r.out.find("3 servers in 1 config file") != std::string::npos);
    CHECK(r.out.find("ghp_R8x2") == std::string::npos);
  }

  TEST_CASE("a malformed config is a warning in discover, an input error when scanned by name") {
    auto dir = assay::testing::test_dir("bad-config");
    std::filesystem::create_directories(dir / ".cursor");
    std::ofstream(dir / ".cursor/mcp.json") << "{\n  \"mcpServers\": {\n    \"x\": { \"command\": }\n";
    auto r = run_cli({"discover", "--home", dir.string()});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("warning: " + (dir / ".cursor/mcp.json").string() + ": invalid JSON at line 3") != std::string::npos);
    auto s = run_cli({"scan", "--config-only", (dir / ".cursor/mcp.json").string()});
    CHECK(s.exit_code == 2);
    CHECK(s.err.find("invalid JSON at line 3") != std::string::npos);
  }

  TEST_CASE("scan --config-only of a config reports its secrets at their lines in SARIF, redacted") {
    auto r = run_cli({"scan", "--config-only", "--format", "sarif", "testdata/configs/amazon-q/.aws/amazonq/mcp.json"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    auto sarif = json::parse(r.out);
    const auto& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 2);
    for (const auto& res : results) {
      CHECK(res["ruleId"] == "MCP301");
      const auto& loc = res["locations"][0]["physicalLocation"];
      CHECK(loc["artifactLocation"]["uri"].get<std::string>().ends_with("amazon-q/.aws/amazonq/mcp.json"));
      CHECK(loc["region"]["startLine"].get<int>() >= 17);
    }
    CHECK(r.out.find("wJalrXUtnFEMI") == std::string::npos);
    CHECK(r.out.find("AKIA4Z7QXMPL2RTN8VWY") == std::string::npos);
  }

  TEST_CASE("scan of a config launches its stdio servers in the sandbox, never on the host") {
    auto r = run_cli({"scan", "--timeout", "5", "--format", "json", "--inventory-dir",
                      assay::testing::test_dir("e2e-config-sandboxed").string(),
                      "testdata/configs/claude-desktop/.config/Claude/claude_desktop_config.json"});
    INFO(r.err);
    auto report = json::parse(r.out);
    CHECK(report["sandboxLevel"] == "full");
    REQUIRE(!report["targets"].empty());
    for (const auto& t : report["targets"]) CHECK(t["ranUnsandboxed"] == false);
  }

  TEST_CASE("scan --discover --config-only covers every fixture client and stays clean of whole secrets") {
    auto r = run_cli({"scan", "--discover", "--config-only", "--home", "testdata/configs/codex", "--format", "json"});
    INFO(r.err);
    auto report = json::parse(r.out);
    std::set<std::string> rules;
    for (const auto& f : report["findings"]) rules.insert(f["ruleId"].get<std::string>());
    CHECK(rules == std::set<std::string>{"MCP301", "MCP302"});
    CHECK(r.out.find("st_8dK2mQ9xL4vR7nP1wZ5tY3bH6jC0fA") == std::string::npos);
  }
}
