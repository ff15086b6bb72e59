// Toxic flows over the three-server fixture: dangerous together, harmless alone and in pairs.
#include <doctest/doctest.h>

#include "fleet_support.h"

using namespace assay;
using assay::testing::dump_server;
using assay::testing::repo_fleet_rules;
using assay::testing::with_rule;

namespace {

fleet::FleetServer tracker() { return dump_server("testdata/fleet/toxic/issue-tracker.tools.json"); }
fleet::FleetServer notes() { return dump_server("testdata/fleet/toxic/private-notes.tools.json"); }
fleet::FleetServer notifier() { return dump_server("testdata/fleet/toxic/webhook-notifier.tools.json"); }

std::vector<Finding> flows(const std::vector<fleet::FleetServer>& servers) {
  auto all = fleet::analyse_fleet(repo_fleet_rules(), servers);
  std::vector<Finding> out;
  for (const auto& f : all)
    if (f.rule_id >= "MCP330" && f.rule_id <= "MCP339") out.push_back(f);
  return out;
}

}  // namespace

TEST_SUITE("fleet") {
  TEST_CASE("issue tracker + private notes + webhook notifier: one high toxic flow naming source, read and sink") {
    auto found = flows({tracker(), notes(), notifier()});
    auto across = with_rule(found, "MCP330");
    REQUIRE(across.size() == 1);
    const Finding& f = across[0];
    CHECK(f.severity == Severity::high);
    CHECK(f.server == "issue-tracker");
    CHECK(f.evidence == "issue-tracker/list_issues -> private-notes/list_notes -> webhook-notifier/post_message");
    CHECK(f.message.find("untrusted-content: issue-tracker/list_issues") != std::string::npos);
    CHECK(f.message.find("private-data: private-notes/list_notes") != std::string::npos);
    CHECK(f.message.find("public-sink: webhook-notifier/post_message") != std::string::npos);
    // The other tools on each leg are listed, not reported again.
    CHECK(f.message.find("issue-tracker/get_issue") != std::string::npos);
    CHECK(f.message.find("private-notes/read_note") != std::string::npos);
    REQUIRE(f.locations.size() == 3);
    CHECK(f.locations[0].logical == "issue-tracker/tools/list_issues");
    CHECK(f.locations[1].logical == "private-notes/tools/list_notes");
    CHECK(f.locations[2].logical == "webhook-notifier/tools/post_message");
    for (const auto& loc : f.locations) CHECK(loc.physical.start_line > 1);
    CHECK(found.size() == 1);  // nothing else: no single server holds every leg, nothing is destructive
  }

  TEST_CASE("each fixture server alone, and each pair that lacks a leg, has no toxic flow") {
    CHECK(flows({tracker(), notes()}).empty());
    CHECK(flows({tracker(), notifier()}).empty());
    CHECK(flows({notes(), notifier()}).empty());
    for (auto s : {tracker(), notes(), notifier()}) {
      auto echo = fleet::fleet_from_json(nlohmann::json::parse(R"({"echo": {"tools": [{"name": "echo", "description": "Echo."}]}})"));
      CHECK(flows({s, echo[0]}).empty());
    }
  }

  TEST_CASE("the order of servers does not change the path class or its fingerprint") {
    auto a = with_rule(flows({tracker(), notes(), notifier()}), "MCP330");
    auto b = with_rule(flows({notifier(), tracker(), notes()}), "MCP330");
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    CHECK(a[0].fingerprint == b[0].fingerprint);
  }

  TEST_CASE("a leg evidenced only weakly lowers the severity") {
    auto servers = fleet::fleet_from_json(nlohmann::json::parse(R"({
      "web": {"tools": [{"name": "fetch", "description": "Fetches a URL from the internet and extracts its contents as markdown."}]},
      "notes": {"tools": [{"name": "read_note", "description": "Read one of the user's private notes."}]}})"));
    auto across = with_rule(flows(servers), "MCP330");
    REQUIRE(across.size() == 1);  // fetch is also a (weak) sink: data can ride in the URL
    CHECK(across[0].severity == Severity::medium);
    CHECK(across[0].message.find("weakly") != std::string::npos);
  }

  TEST_CASE("one server with all three legs is its own finding, and counts apart from cross-server paths") {
    auto mail = dump_server("testdata/fleet/collisions/mail.tools.json");
    auto found = flows({mail, notes()});
    auto single = with_rule(found, "MCP331");
    REQUIRE(single.size() == 1);
    CHECK(single[0].server == "mail");
    CHECK(single[0].severity == Severity::medium);
    // The notes server adds a second private-data read to the mail server's own path.
    auto across = with_rule(found, "MCP330");
    REQUIRE(across.size() == 1);
    CHECK(across[0].evidence.find("private-notes/") != std::string::npos);
  }

  TEST_CASE("untrusted content next to another server's destructive tool is MCP332") {
    auto found = flows({tracker(), dump_server("testdata/dumps/server-filesystem.tools.json")});
    auto destructive = with_rule(found, "MCP332");
    REQUIRE(destructive.size() == 1);
    CHECK(destructive[0].evidence.starts_with("issue-tracker/"));
    CHECK(with_rule(found, "MCP330").empty());
  }
}
