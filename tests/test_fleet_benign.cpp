// False positives are bugs: the real servers from npm, scanned together, stay at low or below.
#include <doctest/doctest.h>

#include "fleet_support.h"

using namespace assay;
using assay::testing::dump_server;
using assay::testing::repo_fleet_rules;

TEST_SUITE("fleet") {
  TEST_CASE("server-everything, -filesystem, -memory and sequential-thinking together: nothing above low") {
    std::vector<fleet::FleetServer> servers{
        dump_server("testdata/dumps/server-everything.tools.json"), dump_server("testdata/dumps/server-filesystem.tools.json"),
        dump_server("testdata/dumps/server-memory.tools.json"),
        dump_server("testdata/corpus/benign/modelcontextprotocol-server-sequential-thinking.json")};
    auto found = fleet::analyse_fleet(repo_fleet_rules(), servers);
    for (const auto& f : found) {
      INFO(f.rule_id << " " << f.message);
      CHECK(f.severity <= Severity::low);
    }
  }

  TEST_CASE("the benign corpus, all 37 servers at once: no confusables, typosquats or shadowing") {
    std::vector<fleet::FleetServer> servers;
    for (const auto& e : std::filesystem::directory_iterator(std::string(ASSAY_SOURCE_DIR) + "/testdata/corpus/benign"))
      servers.push_back(dump_server("testdata/corpus/benign/" + e.path().filename().string()));
    REQUIRE(servers.size() >= 37);
    auto found = fleet::analyse_fleet(repo_fleet_rules(), servers);
    for (const auto& f : found) {
      INFO(f.rule_id << " " << f.message);
      CHECK(f.rule_id != "MCP321");
      CHECK(f.rule_id != "MCP322");
      CHECK(f.rule_id != "MCP323");
    }
  }
}
