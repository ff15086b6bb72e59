// Live scans in the sandbox: what a server does at start-up becomes findings with the recorded
// events as evidence, and real benign servers start, list and come out clean.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.h"

using assay::testing::run_cli;
using assay::testing::slurp;
using assay::testing::test_dir;
using nlohmann::json;

namespace {

const std::string kModules = "testdata/node_modules/@modelcontextprotocol/";

std::set<std::string> rule_ids(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report["findings"]) out.insert(f["ruleId"].get<std::string>());
  return out;
}

// `extra` options go before `--` (the listing-only tests pass --no-fuzz: fuzzing is e2e_dynamic's).
json scan_json(const std::string& name, const std::vector<std::string>& command, int* exit_code = nullptr,
               const std::vector<std::string>& extra = {}) {
  auto dir = test_dir(name);
  std::vector<std::string> args = {"scan", "--format", "json", "-o", (dir / "r.json").string()};
  args.insert(args.end(), extra.begin(), extra.end());
  args.push_back("--");
  args.insert(args.end(), command.begin(), command.end());
  auto r = run_cli(args);
  INFO(r.err);
  if (exit_code) *exit_code = r.exit_code;
  return json::parse(slurp(dir / "r.json"));
}

}  // namespace

TEST_SUITE("e2e sandboxed scan") {
  TEST_CASE("a server that steals credentials at start-up is caught by what it did, with proof") {
    int code = 0;
    json report = scan_json("e2e-beacon", {"node", "testdata/servers/notes-sync-beacon/server.mjs"}, &code);
    CHECK(code == 1);
    CHECK(report["sandboxLevel"] == "full");
    CHECK(rule_ids(report) == std::set<std::string>{"MCP201", "MCP202", "MCP203", "MCP204", "MCP206"});
    std::string events_file = report["targets"][0]["eventsFile"];
    REQUIRE(std::filesystem::exists(std::filesystem::path(ASSAY_SOURCE_DIR) / events_file));
    std::set<std::string> honeytokens, canaries;
    for (const auto& f : report["findings"]) {
      // Every runtime finding points at the line of its event in the events file.
      CHECK(f["locations"][0]["file"] == events_file);
      CHECK(f["locations"][0]["startLine"].get<int>() > 1);
      if (f["ruleId"] == "MCP201") honeytokens.insert(f["evidence"].get<std::string>());
      if (f["ruleId"] == "MCP206") canaries.insert(f["evidence"].get<std::string>().substr(0, 30));
      if (f["ruleId"] == "MCP202") CHECK(f["evidence"] == "connect tcp 203.0.113.50:8080");
      if (f["ruleId"] == "MCP203") CHECK(f["evidence"].get<std::string>().starts_with("dns_query sync.notesync-cloud.example"));
    }
    CHECK(honeytokens.size() == 2);
    CHECK(canaries.size() >= 2);
    // Evidence names canaries by label, never by value: the report must not republish a secret.
    std::string events = slurp(std::filesystem::path(ASSAY_SOURCE_DIR) / events_file);
    CHECK(events.find("\"kind\":\"canary_seen\"") != std::string::npos);
  }

  TEST_CASE("the SARIF of a sandboxed scan carries the sandbox level and validates its runtime rules") {
    auto dir = test_dir("e2e-beacon-sarif");
    auto r = run_cli({"scan", "--format", "sarif", "-o", (dir / "r.sarif").string(), "--", "node",
                      "testdata/servers/notes-sync-beacon/server.mjs"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    json sarif = json::parse(slurp(dir / "r.sarif"));
    CHECK(sarif["runs"][0]["properties"]["sandboxLevel"] == "full");
    bool runtime_rule = false;
    for (const auto& rule : sarif["runs"][0]["tool"]["driver"]["rules"]) runtime_rule |= rule["id"] == "MCP206";
    CHECK(runtime_rule);
  }

  TEST_CASE("server-everything, server-memory and server-filesystem start and list in the sandbox with no findings") {
    auto mem_file = test_dir("e2e-sandboxed-real") / "memory.jsonl";
    // The launch directory (the repository) is what the sandbox shows of the host's home-like
    // places, so the allowed directory is one inside it.
    const std::string allowed = "testdata/servers";
    const std::vector<std::vector<std::string>> servers = {
        {"node", kModules + "server-everything/dist/index.js", "stdio"},
        {"env", "MEMORY_FILE_PATH=" + mem_file.string(), "node", kModules + "server-memory/dist/index.js"},
        {"node", kModules + "server-filesystem/dist/index.js", allowed},
    };
    for (const auto& command : servers) {
      INFO(command[1]);
      int code = -1;
      json report = scan_json("e2e-sandboxed-real-" + std::to_string(&command - &servers[0]), command, &code, {"--no-fuzz"});
      CHECK(code == 0);
      CHECK(report["sandboxLevel"] == "full");
      CHECK(report["targets"][0]["status"] == "scanned");
      CHECK(report["targets"][0]["tools"].get<int>() >= 5);
      CHECK(report["findings"].empty());
    }
  }

  TEST_CASE("a server launched from a client config is judged by what it did, and points at its config entry") {
    auto dir = test_dir("e2e-config-beacon");
    std::string server = (std::filesystem::path(ASSAY_SOURCE_DIR) / "testdata/servers/notes-sync-beacon/server.mjs").string();
    {
      std::ofstream config(dir / ".mcp.json");
      config << "{\n  \"mcpServers\": {\n    \"notes\": {\"command\": \"node\", \"args\": [\"" << server << "\"]}\n  }\n}\n";
    }
    auto r = run_cli({"scan", "--no-fuzz", "--format", "json", "-o", (dir / "r.json").string(), "--inventory-dir",
                      dir.string(), (dir / ".mcp.json").string()});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    json report = json::parse(slurp(dir / "r.json"));
    CHECK(report["sandboxLevel"] == "full");
    auto ids = rule_ids(report);
    CHECK(ids.count("MCP202") == 1);
    CHECK(ids.count("MCP203") == 1);
    REQUIRE(report["targets"].size() == 1);
    std::string events_file = report["targets"][0]["eventsFile"];
    CHECK(std::filesystem::exists(events_file));
    for (const auto& f : report["findings"]) {
      if (f["ruleId"] != "MCP202") continue;
      // The event's line first, then the config entry that launched the server.
      CHECK(f["locations"][0]["file"] == events_file);
      REQUIRE(f["locations"].size() >= 2);
      CHECK(f["locations"][1]["file"].get<std::string>().ends_with(".mcp.json"));
      CHECK(f["locations"][1]["startLine"] == 3);
    }
  }

  TEST_CASE("a server that fails after launch still has its start-up behaviour reported") {
    int code = 0;
    // Reads a honeytoken, then dies before answering initialize.
    json report = scan_json("e2e-sandboxed-dies",
                            {"sh", "-c", "cat \"$HOME/.netrc\" >/dev/null; exit 4"}, &code);
    CHECK(code == 3);
    CHECK(report["targets"][0]["status"] == "failed");
    CHECK(rule_ids(report).count("MCP201") == 1);
  }

  TEST_CASE("inventory of a live server runs it sandboxed and leaves no files behind") {
    auto r = run_cli({"inventory", "--", "node", kModules + "server-everything/dist/index.js", "stdio"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["obtained"] == "live-sandboxed");
  }
}
