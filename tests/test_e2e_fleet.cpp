// End-to-end: `mcp-assay scan` over several servers adds the fleet view (rules/fleet) to the
// report: toxic flows, collisions and shadowing, located at dumps or at config entries.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.h"

using assay::testing::run_cli;
using nlohmann::json;

namespace {

const std::string kTracker = "testdata/fleet/toxic/issue-tracker.tools.json";
const std::string kNotes = "testdata/fleet/toxic/private-notes.tools.json";
const std::string kNotifier = "testdata/fleet/toxic/webhook-notifier.tools.json";

std::vector<json> results_of(const json& sarif, const std::string& rule) {
  std::vector<json> out;
  for (const auto& r : sarif["runs"][0]["results"])
    if (r["ruleId"] == rule) out.push_back(r);
  return out;
}

std::set<std::string> driver_rules(const json& sarif) {
  std::set<std::string> out;
  for (const auto& r : sarif["runs"][0]["tool"]["driver"]["rules"]) out.insert(r["id"].get<std::string>());
  return out;
}

std::set<std::string> rule_ids(const json& report) {
  std::set<std::string> out;
  for (const auto& f : report["findings"]) out.insert(f["ruleId"].get<std::string>());
  return out;
}

}  // namespace

TEST_SUITE("e2e-fleet") {
  TEST_CASE("three dumps: one high toxic flow in SARIF, its rule catalogued, a location in each server's dump") {
    auto r = run_cli({"scan", "--format", "sarif", kTracker, kNotes, kNotifier});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    auto sarif = json::parse(r.out);
    auto flows = results_of(sarif, "MCP330");
    REQUIRE(flows.size() == 1);
    CHECK(flows[0]["level"] == "error");
    // The source tool is the primary location; the private read and the sink are related ones.
    REQUIRE(flows[0]["locations"].size() == 1);
    std::vector<json> all{flows[0]["locations"][0]};
    for (const auto& loc : flows[0]["relatedLocations"]) all.push_back(loc);
    std::vector<std::string> files;
    for (const auto& loc : all) {
      files.push_back(loc["physicalLocation"]["artifactLocation"]["uri"].get<std::string>());
      CHECK(loc["physicalLocation"]["region"]["startLine"].get<int>() > 1);
    }
    CHECK(files == std::vector<std::string>{kTracker, kNotes, kNotifier});
    for (const char* id : {"MCP320", "MCP321", "MCP322", "MCP323", "MCP330", "MCP331", "MCP332"})
      CHECK(driver_rules(sarif).count(id));
  }

  TEST_CASE("a pair lacking a leg has no toxic flow; one server alone gets no fleet rules at all") {
    auto pair = run_cli({"scan", "--format", "json", kTracker, kNotifier});
    INFO(pair.err);
    for (const auto& id : rule_ids(json::parse(pair.out))) CHECK_FALSE(id.starts_with("MCP33"));
    auto alone = run_cli({"scan", "--format", "sarif", kTracker});
    CHECK(driver_rules(json::parse(alone.out)).count("MCP330") == 0);
  }

  TEST_CASE("look-alike mail servers and the BCC calculator: collision, confusable, typosquat, shadowing") {
    auto r = run_cli({"scan", "--format", "json", "testdata/fleet/collisions/mail.tools.json",
                      "testdata/fleet/collisions/mail-tools.tools.json", "testdata/dumps/email-shadowing.tools.json"});
    INFO(r.err);
    auto ids = rule_ids(json::parse(r.out));
    for (const char* id : {"MCP320", "MCP321", "MCP322", "MCP323"}) CHECK(ids.count(id));
  }

  TEST_CASE("the real npm servers scanned together produce nothing above low") {
    auto r = run_cli({"scan", "--format", "json", "--fail-on", "medium", "testdata/dumps/server-everything.tools.json",
                      "testdata/dumps/server-filesystem.tools.json", "testdata/dumps/server-memory.tools.json",
                      "testdata/corpus/benign/modelcontextprotocol-server-sequential-thinking.json"});
    INFO(r.err);
    INFO(r.out);
    CHECK(r.exit_code == 0);
  }

  TEST_CASE("a client config launching the three fixture servers in the sandbox: the flow points at each config entry") {
    auto dir = assay::testing::test_dir("e2e-fleet-config");
    auto r = run_cli({"scan", "--timeout", "10", "--format", "json", "--inventory-dir", dir.string(),
                      "testdata/fleet/toxic/.mcp.json"});
    INFO(r.err);
    auto report = json::parse(r.out);
    CHECK(report["sandboxLevel"] == "full");
    REQUIRE(report["targets"].size() == 3);
    for (const auto& t : report["targets"]) CHECK(t["status"] == "scanned");
    std::vector<json> flows;
    for (const auto& f : report["findings"])
      if (f["ruleId"] == "MCP330") flows.push_back(f);
    REQUIRE(flows.size() == 1);
    std::set<int> lines;
    for (const auto& loc : flows[0]["locations"]) {
      CHECK(loc["file"] == "testdata/fleet/toxic/.mcp.json");
      lines.insert(loc["startLine"].get<int>());
    }
    CHECK(lines == std::set<int>{3, 7, 12});
    CHECK(flows[0]["locations"][0]["logical"] == "issue-tracker/tools/list_issues");
  }
}
