// Dynamic scans end to end: real servers fuzzed in the sandbox, findings with proof for the
// vulnerable fixtures, nothing for their fixed twins and for the real npm servers.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.h"

using assay::testing::run_cli;
using assay::testing::slurp;
using assay::testing::test_dir;
using nlohmann::json;

namespace {

const std::string kModules = "testdata/node_modules/@modelcontextprotocol/";
const std::string kFixtures = "tests/fixtures/dynamic/";

struct Scan {
  int code = -1;
  json report;
  std::string err;
};

Scan scan(const std::string& name, const std::vector<std::string>& options, const std::vector<std::string>& command) {
  auto dir = test_dir(name);
  std::vector<std::string> args = {"scan", "--format", "json", "-o", (dir / "r.json").string()};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back("--");
  args.insert(args.end(), command.begin(), command.end());
  auto r = run_cli(args, 180);
  Scan s{r.exit_code, json::object(), r.err};
  if (std::filesystem::exists(dir / "r.json")) s.report = json::parse(slurp(dir / "r.json"));
  return s;
}

std::vector<json> findings_of(const json& report, const std::string& rule) {
  std::vector<json> out;
  for (const auto& f : report["findings"])
    if (f["ruleId"] == rule) out.push_back(f);
  return out;
}

std::set<std::string> rule_ids(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report["findings"]) out.insert(f["ruleId"].get<std::string>());
  return out;
}

}  // namespace

TEST_SUITE("e2e_dynamic fixtures") {
  TEST_CASE("a tool that builds a shell command from its argument is confirmed by the canary file") {
    Scan s = scan("dyn-host-check", {"--fuzz-calls", "12"}, {"/usr/bin/python3", kFixtures + "host_check.py"});
    INFO(s.err);
    CHECK(s.code == 1);
    CHECK(s.err.find("fuzzed 1 tool") != std::string::npos);
    auto hits = findings_of(s.report, "MCP220");
    REQUIRE(hits.size() == 1);
    const json& f = hits[0];
    CHECK(f["severity"] == "critical");
    CHECK(f["evidence"].get<std::string>().starts_with("tools/call check_host {\"host\":"));
    CHECK(f["evidence"].get<std::string>().find("oracle canary-") != std::string::npos);
    CHECK(f["evidence"].get<std::string>().find("/tmp/mcp-assay-fuzz-") == std::string::npos);
    CHECK(f["locations"][0]["logical"] == "host-check/tools/check_host/arguments/host");
    // The location is the tool in the inventory file written for this server.
    CHECK(f["locations"][0]["file"].get<std::string>().ends_with("host-check.inventory.json"));
    CHECK(f["locations"][0]["startLine"].get<int>() > 1);
    CHECK(rule_ids(s.report) == std::set<std::string>{"MCP220"});
  }

  TEST_CASE("its fixed twin, which passes the host as one argument, has no finding") {
    Scan s = scan("dyn-host-check-safe", {"--fuzz-calls", "12"}, {"/usr/bin/python3", kFixtures + "host_check.py", "--safe"});
    INFO(s.err);
    CHECK(s.code == 0);
    CHECK(s.report["findings"].empty());
  }

  TEST_CASE("a description rewritten after the third call is a rug pull, with a readable diff") {
    Scan s = scan("dyn-rug-pull", {"--fuzz-calls", "6"}, {"/usr/bin/python3", kFixtures + "clock_rug_pull.py"});
    INFO(s.err);
    CHECK(s.code == 1);
    auto hits = findings_of(s.report, "MCP226");
    REQUIRE(hits.size() == 1);
    std::string message = hits[0]["message"];
    CHECK(message.find("notifications/tools/list_changed") != std::string::npos);
    CHECK(message.find("tool 'current_time': description changed: \"Current time as an ISO 8601 string.\" -> ") !=
          std::string::npos);
    Scan stable = scan("dyn-rug-pull-stable", {"--fuzz-calls", "6"}, {"/usr/bin/python3", kFixtures + "clock_rug_pull.py", "--stable"});
    INFO(stable.err);
    CHECK(stable.code == 0);
    CHECK(stable.report["findings"].empty());
  }

  TEST_CASE("the same seed gives the same findings with the same fingerprints") {
    Scan a = scan("dyn-seed-a", {"--fuzz-calls", "12", "--seed", "7"}, {"/usr/bin/python3", kFixtures + "host_check.py"});
    Scan b = scan("dyn-seed-b", {"--fuzz-calls", "12", "--seed", "7"}, {"/usr/bin/python3", kFixtures + "host_check.py"});
    REQUIRE(a.report["findings"].size() == 1);
    REQUIRE(b.report["findings"].size() == 1);
    CHECK(a.report["findings"][0]["fingerprint"] == b.report["findings"][0]["fingerprint"]);
  }
}

TEST_SUITE("e2e_dynamic cli") {
  TEST_CASE("--fuzz with --unsandboxed is refused: payloads would run on this machine") {
    auto r = run_cli({"scan", "--fuzz", "--unsandboxed", "--", "/usr/bin/python3", kFixtures + "host_check.py"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--fuzz refuses --unsandboxed") != std::string::npos);
  }

  TEST_CASE("--no-fuzz lists the server without calling any tool") {
    Scan s = scan("dyn-no-fuzz", {"--no-fuzz"}, {"/usr/bin/python3", kFixtures + "host_check.py"});
    CHECK(s.code == 0);
    CHECK(s.err.find("fuzzed") == std::string::npos);
    CHECK(s.report["findings"].empty());
  }

  TEST_CASE("profile writes what the server needed, sorted, with the run's paths made stable") {
    auto dir = test_dir("dyn-profile");
    auto out = (dir / "p.json").string();
    auto r = run_cli({"profile", "--fuzz-calls", "8", "-o", out, "--", "/usr/bin/python3", kFixtures + "host_check.py", "--safe"}, 180);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    json p = json::parse(slurp(out));
    CHECK(p["server"] == "host-check");
    std::set<std::string> exec(p["exec"].begin(), p["exec"].end());
    CHECK(exec.count("/usr/bin/getent") == 1);
    std::vector<std::string> read = p["files"]["read"];
    CHECK(std::is_sorted(read.begin(), read.end()));
    CHECK(p.dump().find("/tmp/mcp-assay-fuzz-") == std::string::npos);
    CHECK(p["observed"]["calls"].get<int>() == 8);
  }

  TEST_CASE("scan --profile-out writes the profile beside the report") {
    auto dir = test_dir("dyn-profile-out");
    auto r = run_cli({"scan", "-q", "--fuzz-calls", "4", "--inventory-dir", dir.string(), "--profile-out",
                      (dir / "p.json").string(), "--", "/usr/bin/python3",
                      kFixtures + "host_check.py", "--safe"}, 180);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(json::parse(slurp(dir / "p.json"))["profile"].get<std::string>().starts_with("mcp-assay least-privilege profile"));
  }
}

TEST_SUITE("e2e_dynamic real servers") {
  TEST_CASE("server-memory, server-filesystem (an allowed directory in the work dir) and server-sequential-thinking are fuzzed with no finding") {
    const std::vector<std::vector<std::string>> servers = {
        {"env", "MEMORY_FILE_PATH={workdir}/memory.jsonl", "node", kModules + "server-memory/dist/index.js"},
        {"node", kModules + "server-filesystem/dist/index.js", "{workdir}/root"},
        {"node", kModules + "server-sequential-thinking/dist/index.js"},
    };
    for (const auto& command : servers) {
      INFO(command.back());
      Scan s = scan("dyn-real-" + std::to_string(&command - &servers[0]), {}, command);
      INFO(s.err);
      CHECK(s.code == 0);
      CHECK(s.err.find("fuzzed ") != std::string::npos);
      for (const auto& f : s.report["findings"]) INFO(f.dump());
      CHECK(s.report["findings"].empty());
    }
  }

  TEST_CASE("server-everything: only its URL fetcher, which reaches loopback and cloud metadata, is reported") {
    // gzip-file-as-resource fetches any URL unless GZIP_ALLOWED_DOMAINS is set: a real SSRF.
    Scan s = scan("dyn-real-everything", {}, {"node", kModules + "server-everything/dist/index.js", "stdio"});
    INFO(s.err);
    CHECK(s.code == 1);
    for (const auto& f : s.report["findings"]) {
      INFO(f.dump());
      CHECK(f["ruleId"] == "MCP222");
      CHECK(f["locations"][0]["logical"] == "mcp-servers/everything/tools/gzip-file-as-resource/arguments/data");
    }
    CHECK(s.report["findings"].size() == 1);
    // With the server's own allowlist set, nothing is left.
    Scan allowed = scan("dyn-real-everything-allowed", {},
                        {"env", "GZIP_ALLOWED_DOMAINS=raw.githubusercontent.com", "node",
                         kModules + "server-everything/dist/index.js", "stdio"});
    INFO(allowed.err);
    CHECK(allowed.code == 0);
    for (const auto& f : allowed.report["findings"]) INFO(f.dump());
    CHECK(allowed.report["findings"].empty());
  }
}

// The fixture servers (testdata/servers/fuzz/fixtures.json): each vulnerable one yields
// its confirmed finding at the default budget, on the tool the manifest names; each fixed twin
// yields none. The manifest's {root} becomes a directory in the fuzzer's work dir.
TEST_SUITE("e2e_dynamic fuzz fixtures") {
  TEST_CASE("every vulnerable fixture is confirmed, every fixed twin is clean") {
    const std::map<std::string, std::set<std::string>> expected = {
        {"command-injection", {"MCP220"}}, {"path-traversal", {"MCP221"}}, {"ssrf", {"MCP222"}},
        {"exfiltration", {"MCP223"}},      {"output-poisoning", {"MCP225"}}, {"rug-pull", {"MCP226"}},
        // A start-up beacon is start-up behaviour: the runtime rules report it before any call.
        {"beacon", {"MCP202", "MCP203"}},
    };
    json manifest = json::parse(slurp(std::filesystem::path(ASSAY_SOURCE_DIR) / "testdata/servers/fuzz/fixtures.json"));
    REQUIRE(manifest["fixtures"].size() >= 18);
    for (const auto& fixture : manifest["fixtures"]) {
      std::string id = fixture["id"];
      INFO(id);
      std::vector<std::string> command;
      for (const auto& a : fixture["launch"]) {
        std::string arg = a;
        if (arg == "{root}") arg = "{workdir}/root";
        command.push_back(arg);
      }
      Scan s = scan("dyn-fx-" + id, {}, command);
      INFO(s.err);
      if (!fixture["vulnerable"].get<bool>()) {
        for (const auto& f : s.report["findings"]) INFO(f.dump());
        CHECK(s.code == 0);
        CHECK(s.report["findings"].empty());
        continue;
      }
      CHECK(s.code == 1);
      const auto& want = expected.at(fixture["vulnerability"].get<std::string>());
      CHECK(rule_ids(s.report) == want);
      if (fixture["tool"].is_string() && fixture["vulnerability"] != "rug-pull") {
        // The finding is on the tool the manifest names.
        bool on_tool = false;
        for (const auto& f : s.report["findings"])
          on_tool |= f["locations"][0]["logical"].get<std::string>().find("/tools/" + fixture["tool"].get<std::string>()) !=
                     std::string::npos;
        CHECK(on_tool);
      }
    }
  }
}
