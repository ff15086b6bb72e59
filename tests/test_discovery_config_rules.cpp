// rules/config: every rule's own examples, and the findings a fixture config yields, with the
// secrets never present in full in anything a report would carry.
#include <doctest/doctest.h>

#include <set>

#include "scanner/discovery/config_rules.h"
#include "scanner/discovery/discover.h"

using namespace assay::discovery;

namespace {

const std::vector<ConfigRule>& bundled() {
  static const auto rules = load_config_rules(ASSAY_SOURCE_DIR "/rules/config");
  return rules;
}

std::vector<assay::Finding> findings_for(const std::string& config) {
  auto d = read_config_file(std::string(ASSAY_SOURCE_DIR) + "/testdata/configs/" + config);
  std::vector<assay::Finding> out;
  for (const auto& s : d.servers) {
    auto f = check_configured_server(bundled(), s);
    out.insert(out.end(), f.begin(), f.end());
  }
  return out;
}

}  // namespace

TEST_SUITE("discovery") {
  TEST_CASE("every config rule passes its own match and no-match examples") {
    REQUIRE(bundled().size() >= 4);
    for (const auto& o : run_config_rule_examples(bundled())) {
      INFO(o.rule->info.id << " " << o.rule->file << ":" << o.example->line << " " << o.example->value);
      CHECK(o.passed);
    }
  }

  TEST_CASE("a token in a Claude Desktop env block is MCP301 at its own line, shown only as a prefix") {
    auto f = findings_for("claude-desktop/.config/Claude/claude_desktop_config.json");
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule_id == "MCP301");
    CHECK(f[0].server == "github");
    CHECK(f[0].locations[0].physical.start_line == 16);
    CHECK(f[0].evidence == "GITHUB_PERSONAL_ACCESS_TOKEN=ghp_…(40 chars)");
    CHECK(f[0].message.find("ghp_R8x2") == std::string::npos);
    CHECK(f[0].locations[0].logical == "config/claude-desktop/github/env/GITHUB_PERSONAL_ACCESS_TOKEN");
  }

  TEST_CASE("headers, arguments and URLs: literal credentials are found, references are not") {
    auto cc = findings_for("claude-code/.claude.json");
    std::set<std::string> rules_hit;
    for (const auto& f : cc) rules_hit.insert(f.rule_id + ":" + f.server);
    CHECK(rules_hit.count("MCP302:linear"));     // Authorization: Bearer lin_api_...
    CHECK(rules_hit.count("MCP303:postgres"));   // postgresql://shop:password@...
    CHECK(rules_hit.size() == 2);
    auto vs = findings_for("vscode/.config/Code/User/settings.json");
    CHECK(vs.empty());  // Bearer ${input:github_token}
    auto project = findings_for("project/.mcp.json");
    CHECK(project.empty());  // ${DATABASE_URL}, Bearer ${DEPLOY_TOKEN}
  }

  TEST_CASE("no evidence or message of any fixture finding contains a whole secret") {
    const char* secrets[] = {"ghp_R8x2Kq7LmN4pVt9WzY3aBc6DeF1gHj5kMn0P", "s3cr3t-Pa55word", "lin_api_4f9KxQ2mZ7vR1tY8uW3pL6sN0bD5cH2jA9eG",
                             "AKIA4Z7QXMPL2RTN8VWY", "figd_Qx3Lm8Zr2Nw5Kt7Yp1Vb4Cd6", "sk_live_51HqLyjWDarjtT1zdp7dcXYZabc123"};
    for (const char* config : {"claude-desktop/.config/Claude/claude_desktop_config.json", "claude-code/.claude.json",
                               "amazon-q/.aws/amazonq/mcp.json", "codex/.codex/config.toml", "cursor/.cursor/mcp.json"}) {
      auto f = findings_for(config);
      CHECK(!f.empty());
      for (const auto& x : f)
        for (const char* s : secrets) {
          CHECK(x.evidence.find(s) == std::string::npos);
          CHECK(x.message.find(s) == std::string::npos);
        }
    }
  }
}
