// Loading rules/fleet and running each rule's and each capability's own examples.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli_runner.h"
#include "fleet_support.h"
#include "scanner/model/error.h"

using namespace assay;
using assay::testing::repo_fleet_rules;

TEST_SUITE("fleet") {
  TEST_CASE("every fleet rule and capability label passes its own examples") {
    auto outcomes = fleet::run_fleet_examples(repo_fleet_rules());
    CHECK(outcomes.size() >= 40);
    for (const auto& o : outcomes) {
      INFO(o.id << " " << o.file << ":" << o.line << " " << o.detail);
      CHECK(o.passed);
    }
  }

  TEST_CASE("fleet rules use the MCP320-MCP339 band and every capability has a label file") {
    const auto& rules = repo_fleet_rules();
    CHECK(rules.rules.size() >= 7);
    for (const auto& r : rules.rules) {
      int n = std::atoi(r.info.id.c_str() + 3);
      CHECK(n >= 320);
      CHECK(n <= 339);
      CHECK(!r.info.cwe.empty());
    }
    std::set<fleet::Capability> labels;
    for (const auto& c : rules.capabilities) labels.insert(c.label);
    CHECK(labels.size() == fleet::kCapabilityCount);
  }

  TEST_CASE("a malformed fleet rule is an input error naming the file and line") {
    auto dir = assay::testing::test_dir("fleet-bad-rule");
    std::ofstream(dir / "MCP399-out-of-band.yaml") << "id: MCP399\nname: out-of-band\ntitle: t\ndescription: d\n"
                                                      "severity: low\nconfidence: low\ncwe: [CWE-1]\ntags: []\nhelp: h\n"
                                                      "check: name-collision\nexamples: {match: [], no_match: []}\n";
    try {
      fleet::load_fleet_rules(dir.string());
      FAIL("expected an input error");
    } catch (const AssayError& e) {
      CHECK(e.kind() == ErrorKind::input);
      CHECK(std::string(e.what()).find("MCP399-out-of-band.yaml:1") != std::string::npos);
      CHECK(std::string(e.what()).find("MCP320..MCP339") != std::string::npos);
    }
  }
}
