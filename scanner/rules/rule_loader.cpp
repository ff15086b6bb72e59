// Reads metadata rules from YAML and refuses anything malformed, naming the file and line.

#include <algorithm>
#include <set>

#include "scanner/model/error.h"
#include "scanner/rules/metadata_rule.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::rules {
namespace {

class RuleFileReader : public YamlRuleReader {
 public:
  using YamlRuleReader::YamlRuleReader;

  std::vector<RuleExample> examples(const YAML::Node& list, const char* which) const {
    std::vector<RuleExample> out;
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) fail(list, std::string("examples.") + which + " must be a list");
    for (const auto& item : list) {
      RuleExample ex;
      ex.line = item.Mark().line + 1;
      if (item.IsScalar()) {
        ex.text = item.as<std::string>();
      } else if (item.IsMap()) {
        only_keys(item, {"text", "field"}, "an example");
        ex.text = text(item, "text", true);
        std::string field = text(item, "field", false);
        if (!field.empty()) {
          auto kinds = parse_field_selector(field);
          if (!kinds || kinds->size() != 1) fail(item["field"], "example field '" + field + "' is not one field kind");
          ex.field = kinds->front();
        }
      } else {
        fail(item, "an example is a string or a mapping with text and field");
      }
      out.push_back(std::move(ex));
    }
    return out;
  }

  MetadataRule read() const {
    YAML::Node root = load();
    only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "message",
                     "help", "fields", "patterns", "unless", "check", "decode", "examples", "references"},
              "a rule");
    MetadataRule r;
    r.file = path();
    r.info = rule_info(root);
    r.message = text(root, "message", true);

    for (const auto& f : list(root, "fields")) {
      auto kinds = parse_field_selector(f);
      if (!kinds) fail(root["fields"], "unknown field '" + f + "'");
      for (auto k : *kinds)
        if (std::find(r.fields.begin(), r.fields.end(), k) == r.fields.end()) r.fields.push_back(k);
    }
    if (r.fields.empty()) fail(root, "missing required key 'fields'");

    std::string check = text(root, "check", false);
    static const std::pair<const char*, BuiltinCheck> kChecks[] = {
        {"unicode-tag-characters", BuiltinCheck::tag_characters},
        {"zero-width-characters", BuiltinCheck::zero_width},
        {"bidi-controls", BuiltinCheck::bidi_controls},
        {"ansi-escapes", BuiltinCheck::ansi_escapes},
        {"other-invisible-characters", BuiltinCheck::other_invisible},
        {"confusable-identifier", BuiltinCheck::confusable_identifier},
        {"whitespace-padding", BuiltinCheck::whitespace_padding}};
    if (!check.empty()) {
      auto it = std::find_if(std::begin(kChecks), std::end(kChecks), [&](auto& c) { return check == c.first; });
      if (it == std::end(kChecks)) fail(root["check"], "unknown check '" + check + "'");
      r.check = it->second;
    }

    YAML::Node patterns = root["patterns"];
    if (patterns.IsDefined() && !patterns.IsNull()) {
      if (!patterns.IsSequence()) fail(patterns, "patterns must be a list");
      std::set<std::string> ids;
      for (const auto& p : patterns) {
        only_keys(p, {"id", "regex", "requires", "unless", "severity", "confidence"}, "a pattern");
        RulePattern rp;
        rp.line = p.Mark().line + 1;
        rp.id = text(p, "id", true);
        if (!ids.insert(rp.id).second) fail(p["id"], "duplicate pattern id '" + rp.id + "'");
        rp.regex = text(p, "regex", true);
        check_regex(p["regex"], rp.regex);
        rp.requires_all = list(p, "requires");
        for (const auto& re : rp.requires_all) check_regex(p["requires"], re);
        rp.unless = list(p, "unless");
        for (const auto& re : rp.unless) check_regex(p["unless"], re);
        if (p["severity"].IsDefined()) rp.severity = severity(p["severity"]);
        if (p["confidence"].IsDefined()) rp.confidence = confidence(p["confidence"]);
        r.patterns.push_back(std::move(rp));
      }
    }
    if (r.patterns.empty() == (r.check == BuiltinCheck::none))
      fail(root, "a rule has either patterns or a check, exactly one of them");
    r.unless = list(root, "unless");
    for (const auto& re : r.unless) check_regex(root["unless"], re);
    if (root["decode"].IsDefined()) r.scan_decoded = root["decode"].as<bool>();

    YAML::Node ex = root["examples"];
    if (!ex.IsDefined()) fail(root, "missing required key 'examples'");
    only_keys(ex, {"match", "no_match"}, "examples");
    r.must_match = examples(ex["match"], "match");
    r.must_not_match = examples(ex["no_match"], "no_match");
    if (r.must_match.empty() || r.must_not_match.empty())
      fail(ex, "a rule needs at least one match and one no_match example");
    return r;
  }

};

}  // namespace

MetadataRule load_metadata_rule_file(const std::string& path) {
  try {
    return RuleFileReader(path).read();
  } catch (const YAML::Exception& e) {
    // Type conversions (e.g. `decode: maybe`) surface here with the node's position.
    throw input_error(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

std::vector<MetadataRule> load_metadata_rules(const std::string& dir) {
  std::vector<std::string> files = rule_files_in(dir);
  std::vector<MetadataRule> rules;
  std::set<std::string> ids;
  for (const auto& f : files) {
    MetadataRule r = load_metadata_rule_file(f);
    if (!ids.insert(r.info.id).second) throw input_error(f + ": duplicate rule id " + r.info.id);
    rules.push_back(std::move(r));
  }
  if (rules.empty()) throw input_error(dir + ": no rule files (*.yaml) found");
  return rules;
}

}  // namespace assay::rules
