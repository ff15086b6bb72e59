// Every META dataflow rule against its annotated example: a finding starts on the line after
// each `ruleid: ID` comment and on no line after an `ok: ID` comment.
#include <doctest/doctest.h>

#include <regex>

#include "tests/code_meta_support.h"

using namespace assay;
using namespace assay::code;
namespace meta = assay::testing::meta;

namespace {

struct Expected {
  std::set<int> must;
  std::set<int> must_not;
};

Expected annotations(const std::string& text, const std::string& id) {
  Expected e;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find("ruleid: " + id) != std::string::npos) e.must.insert(n + 1);
    if (line.find("ok: " + id) != std::string::npos) e.must_not.insert(n + 1);
  }
  return e;
}

}  // namespace

TEST_SUITE("code meta rules") {
  TEST_CASE("META's rules load, each with an example that has both kinds of annotation") {
    const auto& rules = meta::meta_rules();
    CHECK(rules.size() >= 19);
    for (const auto& rule : rules) {
      CAPTURE(rule.id);
      CHECK((rule.dataflow.has_value() || rule.query.has_value()));
      Expected e = annotations(meta::read_text(rule.example_file), rule.id);
      CHECK_FALSE(e.must.empty());
      CHECK_FALSE(e.must_not.empty());
    }
  }

  TEST_CASE("each rule finds exactly its ruleid lines in its example and none of its ok lines") {
    for (const auto& rule : meta::meta_rules()) {
      CAPTURE(rule.id);
      std::filesystem::path p = rule.example_file;
      auto lang = meta::language_of(p);
      REQUIRE(lang);
      std::string text = meta::read_text(p);
      auto file = meta::parse_text(*lang, p.filename().string(), text);
      std::set<int> lines;
      for (int line : meta::rule_lines(rule, file)) lines.insert(line);
      Expected e = annotations(text, rule.id);
      CHECK(lines == e.must);
      for (int bad : e.must_not) CHECK_FALSE(lines.count(bad));
    }
  }
}
