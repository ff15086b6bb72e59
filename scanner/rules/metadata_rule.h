// A metadata rule as loaded from rules/metadata/*.yaml: documentation, what to match, its examples.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scanner/model/rule_info.h"
#include "scanner/rules/field_kind.h"

namespace assay::rules {

// One pattern of a rule. It hits a field when `regex` matches the field's normalized text,
// every `requires` regex matches it too, and no `unless` regex does.
struct RulePattern {
  std::string id;  // per-pattern id, so each can be tuned and tested on its own
  std::string regex;
  std::vector<std::string> requires_all;
  std::vector<std::string> unless;
  std::optional<Severity> severity;      // overrides the rule's
  std::optional<Confidence> confidence;  // overrides the rule's
  int line = 0;                          // in the rule file, for error messages
};

// Capabilities in C++ that a rule can name instead of patterns (`check:`).
enum class BuiltinCheck { none, tag_characters, zero_width, bidi_controls, ansi_escapes, other_invisible,
                          confusable_identifier, whitespace_padding };

struct RuleExample {
  FieldKind field = FieldKind::tool_description;
  std::string text;
  int line = 0;
};

struct MetadataRule {
  RuleInfo info;
  std::string file;              // the YAML it came from
  std::string message;           // template: {field} {match} {tool} {param} {encoding}
  std::vector<FieldKind> fields;
  std::vector<RulePattern> patterns;
  std::vector<std::string> unless;  // rule-wide benign contexts
  BuiltinCheck check = BuiltinCheck::none;
  bool scan_decoded = true;      // also match text decoded from base64/hex/url/entities/tag characters
  std::vector<RuleExample> must_match;
  std::vector<RuleExample> must_not_match;
};

// Loads every *.yaml under `dir` (sorted by name). Throws AssayError(input) naming the file
// and line for a bad rule: unknown key, bad severity, invalid RE2 regex, duplicate id, an id
// that does not match the file name, a rule without examples.
std::vector<MetadataRule> load_metadata_rules(const std::string& dir);
MetadataRule load_metadata_rule_file(const std::string& path);

}  // namespace assay::rules
