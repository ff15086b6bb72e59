// The rule self-test behind `mcp-assay rules test`.
#include "scanner/rules/rule_examples.h"

namespace assay::rules {

std::vector<ExampleResult> run_rule_examples(const MetadataEngine& engine) {
  std::vector<ExampleResult> results;
  for (const MetadataRule& rule : engine.rules()) {
    auto check = [&](const RuleExample& ex, bool expected) {
      ExampleResult r{&rule, &ex, expected, false, {}};
      bool hit = false;
      for (const RuleHit& h : engine.evaluate(ex.field, ex.text)) {
        if (h.rule != &rule) continue;
        hit = true;
        r.detail = (h.pattern_id.empty() ? std::string("check") : "pattern " + h.pattern_id) + " matched \"" +
                   h.match + "\"" + (h.encoding.empty() ? "" : " after decoding " + h.encoding);
        break;
      }
      if (!hit) r.detail = "no pattern matched";
      r.passed = hit == expected;
      results.push_back(std::move(r));
    };
    for (const auto& ex : rule.must_match) check(ex, true);
    for (const auto& ex : rule.must_not_match) check(ex, false);
  }
  return results;
}

}  // namespace assay::rules
