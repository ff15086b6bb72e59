// Payload class examples: role ordering claims and placeholder filling.
#include "scanner/fuzz/payload_examples.h"

#include <algorithm>

#include "scanner/fuzz/placeholders.h"

namespace assay::fuzz {
namespace {

std::string roles_text(const std::vector<FieldRole>& roles) {
  std::string s;
  for (auto r : roles) s += (s.empty() ? "" : ",") + std::string(to_string(r));
  return s.empty() ? "none" : s;
}

void strings_of(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(j.get<std::string>());
  if (j.is_structured())
    for (const auto& item : j) strings_of(item, out);
}

}  // namespace

std::vector<PayloadExampleResult> run_payload_examples(const std::vector<PayloadClass>& classes) {
  std::vector<PayloadExampleResult> results;
  for (const auto& c : classes) {
    auto check_field = [&](const FieldExample& ex, bool expected_first) {
      auto roles = classify_field(ex.name, ex.description, "");
      bool first = std::any_of(c.roles.begin(), c.roles.end(),
                               [&](FieldRole r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); });
      results.push_back({&c, ex.line, std::string(expected_first ? "first for '" : "not first for '") + ex.name + "'",
                         first == expected_first, "field roles: " + roles_text(roles)});
    };
    for (const auto& ex : c.first_for) check_field(ex, true);
    for (const auto& ex : c.not_first_for) check_field(ex, false);
    PlaceholderValues sample{make_canary(7, "self-test", 1, PlanPaths{}), PlanPaths{}, "sample"};
    for (const auto& p : c.payloads) {
      std::vector<std::string> texts{p.expect};
      strings_of(p.value, texts);
      for (const auto& s : p.setup) texts.insert(texts.end(), {s.path, s.target, s.content});
      std::string left;
      for (const auto& t : texts)
        for (const auto& name : placeholders_in(fill_placeholders(t, sample))) left += " {" + name + "}";
      results.push_back({&c, p.line, "payload " + p.id + " fills", left.empty(),
                         left.empty() ? "every placeholder filled" : "left unfilled:" + left});
    }
  }
  return results;
}

}  // namespace assay::fuzz
