// End to end over testdata/code/: vulnerable and fixed versions of the same MCP servers in
// Python, JavaScript, TypeScript and Go. Every file is parsed, tools are extracted, META's
// dataflow rules run on their handlers and the metadata rules on what was extracted; the
// findings must be exactly those in testdata/code/expected-findings.txt (rule, file, line).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "scanner/rules/metadata_engine.h"
#include "tests/cli_runner.h"
#include "scanner/rules/metadata_rule.h"
#include "tests/code_meta_support.h"

using namespace assay;
using namespace assay::code;
namespace meta = assay::testing::meta;

namespace {

// The same pipeline the orchestrator runs for META's part, over one language folder.
std::vector<std::string> findings_for(const std::string& folder) {
  auto files = meta::parse_tree("testdata/code/" + folder);
  std::vector<const ParsedFile*> pointers;
  for (const auto& f : files) pointers.push_back(&f);
  std::vector<std::string> out = meta::run_meta(pointers);

  static const rules::MetadataEngine engine(rules::load_metadata_rules(std::string(ASSAY_SOURCE_DIR) + "/rules/metadata"));
  for (const auto& server : extract_servers(pointers)) {
    auto locate = [&](const std::string& pointer) {
      auto it = server.pointer_locations.find(pointer);
      return it == server.pointer_locations.end() ? PhysicalLocation{} : it->second;
    };
    for (const auto& f : engine.scan(server.inventory, locate)) {
      const auto& p = f.locations.at(0).physical;
      out.push_back(f.rule_id + ":" + p.file + ":" + std::to_string(p.start_line));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> expected_for(const std::string& folder) {
  std::istringstream in(meta::read_text(std::string(ASSAY_SOURCE_DIR) + "/testdata/code/expected-findings.txt"));
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    // "MCP121 testdata/code/javascript/x.js:28  # why"
    std::istringstream fields(line);
    std::string id, where;
    fields >> id >> where;
    if (where.rfind("testdata/code/" + folder + "/", 0) == 0) out.push_back(id + ":" + where);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The same through the built CLI: `mcp-assay scan testdata/code/<folder> --format json`.
std::vector<std::string> cli_findings_for(const std::string& folder) {
  auto run = assay::testing::run_cli({"scan", "testdata/code/" + folder, "--format", "json"});
  auto doc = nlohmann::json::parse(run.out, nullptr, false);
  std::vector<std::string> out;
  if (!doc.is_object() || !doc.contains("findings")) {
    out.push_back("unreadable output, exit " + std::to_string(run.exit_code) + ": " + run.err);
    return out;
  }
  for (const auto& f : doc["findings"]) {
    const auto& loc = f["locations"].at(0);
    out.push_back(f["ruleId"].get<std::string>() + ":" + loc["file"].get<std::string>() + ":" +
                  std::to_string(loc["startLine"].is_number() ? loc["startLine"].get<int>() : 0));
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_SUITE("e2e code meta cli") {
  TEST_CASE("mcp-assay scan testdata/code/javascript reports exactly the expected rules and lines") {
    CHECK(cli_findings_for("javascript") == expected_for("javascript"));
  }
  TEST_CASE("mcp-assay scan testdata/code/typescript reports exactly the expected rules and lines") {
    CHECK(cli_findings_for("typescript") == expected_for("typescript"));
  }
  TEST_CASE("mcp-assay scan testdata/code/python reports exactly the expected rules and lines") {
    CHECK(cli_findings_for("python") == expected_for("python"));
  }
  TEST_CASE("mcp-assay scan testdata/code/go reports exactly the expected rules and lines") {
    CHECK(cli_findings_for("go") == expected_for("go"));
  }
}

TEST_SUITE("e2e code meta") {
  TEST_CASE("javascript: exactly the expected findings, none in the fixed server") {
    CHECK(findings_for("javascript") == expected_for("javascript"));
  }
  TEST_CASE("typescript: exactly the expected findings, none in the fixed server") {
    CHECK(findings_for("typescript") == expected_for("typescript"));
  }
  TEST_CASE("python: exactly the expected findings, none in the fixed server") {
    CHECK(findings_for("python") == expected_for("python"));
  }
  TEST_CASE("go: exactly the expected findings, none in the fixed server") {
    CHECK(findings_for("go") == expected_for("go"));
  }
}
