// The corpora: real benign servers must come out clean, published attacks must be caught where they sit.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

using assay::testing::run_cli;
using assay::testing::slurp;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> corpus_files(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(assay::testing::source_path(dir))) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".json") && !name.ends_with(".expect.json")) files.push_back(dir + "/" + name);
  }
  std::sort(files.begin(), files.end());
  return files;
}

json scan(const std::vector<std::string>& files) {
  std::vector<std::string> args = {"scan", "--fail-on", "never", "--format", "json"};
  args.insert(args.end(), files.begin(), files.end());
  auto r = run_cli(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

bool medium_or_worse(const json& f) {
  return f["severity"] == "medium" || f["severity"] == "high" || f["severity"] == "critical";
}

// The corpus is scanned in one run for speed, but its 37 servers are no set anyone runs in one
// client, so the fleet view over them (MCP320-MCP339) is not what these tests pin; the fleet
// view of the real npm servers together is pinned in test_e2e_fleet.cpp.
bool fleet_rule(const json& f) {
  std::string id = f["ruleId"];
  return id >= "MCP320" && id <= "MCP339";
}

}  // namespace

TEST_SUITE("e2e-corpus") {
  TEST_CASE("the metadata of real, popular, benign servers produces no medium or higher finding") {
    auto files = corpus_files("testdata/corpus/benign");
    REQUIRE(files.size() >= 30);
    json report = scan(files);
    int tools = 0;
    for (const auto& t : report["targets"]) tools += t["tools"].get<int>();
    CHECK(tools >= 500);
    int low = 0;
    for (const auto& f : report["findings"]) {
      if (fleet_rule(f)) continue;
      if (medium_or_worse(f)) FAIL_CHECK("false positive: " << f.dump());
      low += f["severity"] == "low";
    }
    // A handful of low findings on hundreds of tools is the budget; more means a rule got noisy.
    CHECK(low <= 8);
  }

  TEST_CASE("every published attack in the poisoned corpus is caught on the field where it sits") {
    for (const auto& file : corpus_files("testdata/corpus/poisoned")) {
      CAPTURE(file);
      json report = scan({file});
      json expected = json::parse(slurp(assay::testing::source_path(file.substr(0, file.size() - 5) + ".expect.json")));
      for (const auto& e : expected) {
        std::string where = e.contains("tool") ? "/tools/" + e["tool"].get<std::string>() + "/" : "/instructions";
        // A side-channel parameter name alone is weak evidence (real servers have `notes` and
        // `context` parameters), so a low finding on the name counts; the instruction that
        // names it is caught at medium or higher on its own field.
        bool parameter_name = false;
        if (e.contains("tool") && e.contains("field")) {
          std::string field = e["field"];
          parameter_name = field.starts_with("inputSchema.properties.") &&
                           field.find('.', std::string("inputSchema.properties.").size()) == std::string::npos;
          std::replace(field.begin(), field.end(), '.', '/');
          where += field;
        }
        bool found = false;
        for (const auto& f : report["findings"]) {
          std::string logical = f["locations"][0]["logical"];
          bool at = logical.find(where) != std::string::npos;
          found = found || (at && ((parameter_name && logical.ends_with(where)) || medium_or_worse(f)));
        }
        CHECK_MESSAGE(found, "missed: " << e["concern"].get<std::string>() << " at " << where);
      }
    }
  }
}
