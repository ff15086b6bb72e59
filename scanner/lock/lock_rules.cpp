// Loading rules/lock: strict YAML through YamlRuleReader, RE2 for the instruction patterns,
// JSON for the example declarations.
#include "scanner/lock/lock_rules.h"

#include <re2/re2.h>

#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::lock {
namespace {

using rules::YamlRuleReader;

nlohmann::json declaration(const YamlRuleReader& r, const YAML::Node& example, const char* key) {
  std::string text = r.text(example, key, false);
  if (text.empty()) return nullptr;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) r.fail(example[key], std::string("'") + key + "' must be a JSON object");
  return j;
}

LockRule load_one(const std::string& path) {
  YamlRuleReader r(path);
  YAML::Node root = r.load();
  r.only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "help",
                     "instruction_patterns", "examples"},
              "a lock rule");
  LockRule rule;
  rule.info = r.rule_info(root);
  if (rule.info.id < "MCP310" || rule.info.id > "MCP319") r.fail(root["id"], "lock rules use ids MCP310..MCP319");
  rule.file = path;
  for (const auto& p : r.list(root, "instruction_patterns")) {
    r.check_regex(root["instruction_patterns"], p);
    RE2::Options opts;
    opts.set_case_sensitive(false);
    opts.set_log_errors(false);
    rule.instruction_patterns.push_back(std::make_shared<RE2>(p, opts));
  }
  if (YAML::Node examples = root["examples"]; examples.IsDefined()) {
    if (!examples.IsSequence()) r.fail(examples, "'examples' must be a list");
    for (const auto& e : examples) {
      r.only_keys(e, {"kind", "before", "after", "match"}, "an example");
      LockExample ex;
      auto kind = kind_from_list_name(r.text(e, "kind", true));
      if (!kind) r.fail(e["kind"], "kind is one of instructions, tools, prompts, resources, resourceTemplates");
      ex.kind = *kind;
      ex.before = declaration(r, e, "before");
      ex.after = declaration(r, e, "after");
      if (ex.before.is_null() && ex.after.is_null()) r.fail(e, "an example declares 'before', 'after' or both");
      std::string match = r.text(e, "match", true);
      if (match != "true" && match != "false") r.fail(e["match"], "'match' is true or false");
      ex.should_match = match == "true";
      ex.line = e.Mark().line + 1;
      rule.examples.push_back(std::move(ex));
    }
  }
  return rule;
}

}  // namespace

std::vector<LockRule> load_lock_rules(const std::string& dir) {
  std::vector<LockRule> out;
  for (const auto& f : rules::rule_files_in(dir)) out.push_back(load_one(f));
  return out;
}

const LockRule* find_rule(const std::vector<LockRule>& rules, const std::string& id) {
  for (const auto& r : rules)
    if (r.info.id == id) return &r;
  return nullptr;
}

}  // namespace assay::lock
