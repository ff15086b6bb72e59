// Capability labels of real and fixture tools.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "fleet_support.h"

using namespace assay;
using assay::testing::dump_server;
using assay::testing::repo_fleet_rules;

namespace {

std::map<std::string, std::set<std::string>> labels_of(const std::string& dump) {
  std::map<std::string, std::set<std::string>> out;
  auto server = dump_server(dump);
  for (const auto& t : server.inventory.tools) {
    auto& labels = out[t.name];
    for (const auto& l : fleet::label_tool(repo_fleet_rules().capabilities, t))
      labels.insert(std::string(fleet::to_string(l.label)) + (l.strong ? "" : "?"));
  }
  return out;
}

}  // namespace

TEST_SUITE("fleet") {
  TEST_CASE("the three toxic-flow fixture servers each get exactly their one leg") {
    for (const auto& [tool, labels] : labels_of("testdata/fleet/toxic/issue-tracker.tools.json")) {
      INFO(tool);
      CHECK(labels.count("untrusted-content"));
      CHECK_FALSE(labels.count("public-sink"));
    }
    for (const auto& [tool, labels] : labels_of("testdata/fleet/toxic/private-notes.tools.json")) {
      INFO(tool);
      CHECK(labels == std::set<std::string>{"private-data"});
    }
    auto notifier = labels_of("testdata/fleet/toxic/webhook-notifier.tools.json");
    CHECK(notifier["post_message"] == std::set<std::string>{"public-sink"});
    CHECK_FALSE(notifier["list_channels"].count("private-data"));
  }

  TEST_CASE("the official filesystem server reads private data and overwrites, but sends nothing out") {
    auto fs = labels_of("testdata/dumps/server-filesystem.tools.json");
    CHECK(fs["read_text_file"].count("private-data"));
    CHECK(fs["write_file"].count("destructive"));
    for (const auto& [tool, labels] : fs) {
      INFO(tool);
      CHECK_FALSE(labels.count("public-sink"));
      CHECK_FALSE(labels.count("untrusted-content"));
    }
  }

  TEST_CASE("a weak signal gives a weak label; a strong one wins over it") {
    std::string why;
    auto lookup = tool_from_protocol(
        nlohmann::json{{"name", "lookup"}, {"description", "Look it up."},
                       {"annotations", {{"readOnlyHint", true}, {"openWorldHint", true}}}},
        &why);
    REQUIRE(lookup);
    bool weak_untrusted = false;
    for (const auto& l : fleet::label_tool(repo_fleet_rules().capabilities, *lookup))
      if (l.label == fleet::Capability::untrusted_content) weak_untrusted = !l.strong;
    CHECK(weak_untrusted);
  }
}
