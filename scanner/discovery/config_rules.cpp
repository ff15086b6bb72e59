// Loading and applying rules/config: strict YAML through YamlRuleReader, RE2 for every pattern.
#include "scanner/discovery/config_rules.h"

#include <re2/re2.h>

#include "scanner/discovery/redact.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::discovery {
namespace {

using rules::YamlRuleReader;

std::optional<ConfigField> field_named(const std::string& s) {
  if (s == "env") return ConfigField::env;
  if (s == "header") return ConfigField::header;
  if (s == "arg") return ConfigField::arg;
  if (s == "url") return ConfigField::url;
  return std::nullopt;
}

const char* field_name(ConfigField f) {
  switch (f) {
    case ConfigField::env: return "env";
    case ConfigField::header: return "headers";
    case ConfigField::arg: return "args";
    case ConfigField::url: return "url";
  }
  return "env";
}

std::shared_ptr<RE2> compile(const YamlRuleReader& r, const YAML::Node& at, const std::string& regex) {
  RE2::Options opts;
  opts.set_log_errors(false);
  auto re = std::make_shared<RE2>(regex, opts);
  if (!re->ok()) r.fail(at, "pattern '" + regex + "' is not a valid RE2 regex: " + re->error());
  return re;
}

ConfigRule load_one(const std::string& path) {
  YamlRuleReader r(path);
  YAML::Node root = r.load();
  r.only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "help", "fields",
                     "message", "patterns", "examples"},
              "a config rule");
  ConfigRule rule;
  rule.info = r.rule_info(root);
  if (!rule.info.id.starts_with("MCP3")) r.fail(root["id"], "config rules use ids MCP300..MCP399");
  rule.file = path;
  for (const auto& f : r.list(root, "fields")) {
    auto field = field_named(f);
    if (!field) r.fail(root["fields"], "unknown field '" + f + "' (env, header, arg, url)");
    rule.fields.push_back(*field);
  }
  if (rule.fields.empty()) r.fail(root, "missing required key 'fields'");
  rule.message = r.text(root, "message", true);
  YAML::Node patterns = root["patterns"];
  if (!patterns.IsSequence() || patterns.size() == 0) r.fail(root, "'patterns' must be a non-empty list");
  for (const auto& p : patterns) {
    r.only_keys(p, {"id", "key", "value", "unless"}, "a pattern");
    ConfigPattern cp;
    cp.id = r.text(p, "id", true);
    if (auto k = r.text(p, "key", false); !k.empty()) cp.key = compile(r, p["key"], k);
    cp.value = compile(r, p["value"], r.text(p, "value", true));
    for (const auto& u : r.list(p, "unless")) cp.unless.push_back(compile(r, p["unless"], u));
    rule.patterns.push_back(std::move(cp));
  }
  YAML::Node examples = root["examples"];
  if (!examples.IsSequence() || examples.size() == 0) r.fail(root, "every rule carries examples");
  for (const auto& e : examples) {
    r.only_keys(e, {"match", "no_match", "field", "key"}, "an example");
    ConfigExample ex;
    ex.should_match = e["match"].IsDefined();
    ex.value = r.text(e, ex.should_match ? "match" : "no_match", true);
    auto field = field_named(r.text(e, "field", true));
    if (!field) r.fail(e, "unknown example field");
    ex.field = *field;
    ex.key = r.text(e, "key", false);
    ex.line = e.Mark().line + 1;
    rule.examples.push_back(std::move(ex));
  }
  bool has_match = false, has_no_match = false;
  for (const auto& ex : rule.examples) (ex.should_match ? has_match : has_no_match) = true;
  if (!has_match || !has_no_match) r.fail(root["examples"], "examples need at least one match and one no_match");
  return rule;
}

std::string fill(std::string message, const ConfiguredServer& s, const std::string& key, const std::string& shown) {
  auto replace = [&message](const std::string& what, const std::string& with) {
    for (size_t at = message.find(what); at != std::string::npos; at = message.find(what, at + with.size()))
      message.replace(at, what.size(), with);
  };
  replace("{server}", s.name);
  replace("{client}", s.client);
  replace("{key}", key);
  replace("{shown}", shown);
  return message;
}

}  // namespace

std::vector<ConfigRule> load_config_rules(const std::string& dir) {
  std::vector<ConfigRule> out;
  for (const auto& f : rules::rule_files_in(dir)) out.push_back(load_one(f));
  return out;
}

std::string matching_pattern(const ConfigRule& rule, ConfigField field, const std::string& key, const std::string& value) {
  if (std::find(rule.fields.begin(), rule.fields.end(), field) == rule.fields.end()) return "";
  for (const auto& p : rule.patterns) {
    if (p.key && !RE2::PartialMatch(key, *p.key)) continue;
    if (!RE2::PartialMatch(value, *p.value)) continue;
    bool vetoed = false;
    for (const auto& u : p.unless) vetoed = vetoed || RE2::PartialMatch(value, *u);
    if (!vetoed) return p.id;
  }
  return "";
}

std::vector<Finding> check_configured_server(const std::vector<ConfigRule>& rules, const ConfiguredServer& s) {
  struct Candidate {
    ConfigField field;
    const ConfigValue* value;
    std::string key;
    std::string shown;
    std::string logical_key;
  };
  std::vector<Candidate> candidates;
  for (const auto& e : s.env)
    candidates.push_back({ConfigField::env, &e, e.key, e.key + "=" + redact_credential(e.value), e.key});
  for (const auto& h : s.headers)
    candidates.push_back({ConfigField::header, &h, h.key, h.key + ": " + redact_credential(h.value), h.key});
  std::string previous;
  for (size_t i = 0; i < s.args.size(); ++i) {
    // The flag before a value names it ("--token VALUE"); the key of "--token=VALUE" is its flag.
    const auto& a = s.args[i];
    std::string key = a.value.starts_with("-") && a.value.find('=') != std::string::npos ? a.value.substr(0, a.value.find('='))
                                                                                       : previous;
    candidates.push_back({ConfigField::arg, &a, key, "argument " + std::to_string(i + 1) + ": " + shown_arg(previous, a.value),
                          std::to_string(i + 1)});
    if (candidates.back().shown == "argument " + std::to_string(i + 1) + ": " + a.value)
      candidates.back().shown = "argument " + std::to_string(i + 1) + ": " + redact(a.value);
    previous = a.value;
  }
  if (!s.url.value.empty()) candidates.push_back({ConfigField::url, &s.url, "", shown_url(s.url.value), ""});

  std::vector<Finding> out;
  for (const auto& rule : rules)
    for (const auto& c : candidates) {
      std::string pattern = matching_pattern(rule, c.field, c.key, c.value->value);
      if (pattern.empty()) continue;
      Finding f;
      f.rule_id = rule.info.id;
      f.rule_name = rule.info.name;
      f.severity = rule.info.severity;
      f.confidence = rule.info.confidence;
      f.message = fill(rule.message, s, c.key, c.shown);
      f.evidence = c.shown;
      f.server = s.name;
      Location loc;
      loc.physical = c.value->at.file.empty() ? s.entry : c.value->at;
      loc.logical = "config/" + s.client + "/" + s.name + "/" + field_name(c.field) + (c.logical_key.empty() ? "" : "/" + c.logical_key);
      f.locations.push_back(loc);
      f.fingerprint = compute_fingerprint(f);
      out.push_back(std::move(f));
    }
  return out;
}

std::vector<ExampleOutcome> run_config_rule_examples(const std::vector<ConfigRule>& rules) {
  std::vector<ExampleOutcome> out;
  for (const auto& r : rules)
    for (const auto& ex : r.examples) {
      bool matched = !matching_pattern(r, ex.field, ex.key, ex.value).empty();
      out.push_back({&r, &ex, matched == ex.should_match});
    }
  return out;
}

}  // namespace assay::discovery
