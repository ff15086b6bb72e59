// The Unicode checks behind `check:` rules, over the text layer's findings.
#include "scanner/rules/builtin_checks.h"

#include "scanner/text/identifier_checks.h"

namespace assay::rules {
namespace {

text::InvisibleKind invisible_kind_of(BuiltinCheck c) {
  switch (c) {
    case BuiltinCheck::tag_characters: return text::InvisibleKind::tag_characters;
    case BuiltinCheck::zero_width: return text::InvisibleKind::zero_width;
    case BuiltinCheck::bidi_controls: return text::InvisibleKind::bidi_control;
    case BuiltinCheck::ansi_escapes: return text::InvisibleKind::ansi_escape;
    default: return text::InvisibleKind::other_format;
  }
}

}  // namespace

std::vector<std::string> run_builtin_check(BuiltinCheck check, std::string_view text,
                                           const InvisibleRunsFn& invisible_runs) {
  std::vector<std::string> seen;
  if (check == BuiltinCheck::none) return seen;
  if (check == BuiltinCheck::confusable_identifier) {
    if (auto issue = text::check_identifier(text)) seen.push_back(issue->kind + ": " + issue->detail);
    return seen;
  }
  const auto kind = invisible_kind_of(check);
  for (const auto& run : invisible_runs()) {
    if (run.kind != kind) continue;
    std::string evidence = run.describe;
    if (!run.decoded.empty()) evidence += ": \"" + run.decoded + "\"";
    seen.push_back(std::move(evidence));
  }
  return seen;
}

}  // namespace assay::rules
