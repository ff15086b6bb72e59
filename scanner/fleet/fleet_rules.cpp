// Loading rules/fleet (strict YAML through YamlRuleReader, RE2 for every pattern) and running
// each rule's and each capability's own examples.
#include "scanner/fleet/fleet_rules.h"

#include <re2/re2.h>

#include <filesystem>

#include "scanner/fleet/fleet_analysis.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::fleet {
namespace {

namespace fs = std::filesystem;
using rules::YamlRuleReader;

// Example tools and fleets are written in YAML; the analyses read protocol JSON.
nlohmann::json to_json_value(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& kv : n) out[kv.first.as<std::string>()] = to_json_value(kv.second);
    return out;
  }
  if (n.IsSequence()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : n) out.push_back(to_json_value(item));
    return out;
  }
  if (n.IsNull()) return nullptr;
  std::string s = n.as<std::string>();
  if (n.Tag() != "!") {  // unquoted scalars: booleans stay booleans (annotations are booleans)
    if (s == "true") return true;
    if (s == "false") return false;
  }
  return s;
}

std::shared_ptr<RE2> compile(const YamlRuleReader& r, const YAML::Node& at, const std::string& regex) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(false);
  auto re = std::make_shared<RE2>(regex, opts);
  if (!re->ok()) r.fail(at, "pattern '" + regex + "' is not a valid RE2 regex: " + re->error());
  return re;
}

std::optional<ToolField> tool_field(const std::string& s) {
  if (s == "name") return ToolField::name;
  if (s == "description") return ToolField::description;
  if (s == "param-name") return ToolField::param_name;
  if (s == "param-description") return ToolField::param_description;
  return std::nullopt;
}

void read_tool_examples(const YamlRuleReader& r, const YAML::Node& list, std::vector<nlohmann::json>& tools,
                        std::vector<int>& lines) {
  if (!list.IsSequence() || list.size() == 0) r.fail(list, "examples need tools that must match and must not");
  for (const auto& t : list) {
    if (!t.IsMap() || !t["name"].IsScalar()) r.fail(t, "an example tool is a mapping with a name");
    tools.push_back(to_json_value(t));
    lines.push_back(t.Mark().line + 1);
  }
}

CapabilityRule load_capability(const std::string& path) {
  YamlRuleReader r(path);
  YAML::Node root = r.load();
  r.only_keys(root, {"label", "title", "description", "signals", "examples"}, "a capability file");
  CapabilityRule rule;
  rule.file = path;
  auto label = parse_capability(r.text(root, "label", true));
  if (!label) r.fail(root["label"], "unknown label (untrusted-content, private-data, public-sink, destructive)");
  rule.label = *label;
  rule.title = r.text(root, "title", true);
  r.text(root, "description", true);
  YAML::Node signals = root["signals"];
  if (!signals.IsSequence() || signals.size() == 0) r.fail(root, "'signals' must be a non-empty list");
  for (const auto& s : signals) {
    r.only_keys(s, {"id", "strength", "field", "regex", "unless", "annotations"}, "a signal");
    CapabilitySignal sig;
    sig.id = r.text(s, "id", true);
    std::string strength = r.text(s, "strength", true);
    if (strength != "strong" && strength != "weak") r.fail(s["strength"], "strength is strong or weak");
    sig.strong = strength == "strong";
    if (s["annotations"].IsDefined()) {
      if (!s["annotations"].IsMap() || s["regex"].IsDefined()) r.fail(s, "a signal has either annotations (a mapping) or a regex");
      for (const auto& kv : s["annotations"]) {
        std::string v = kv.second.as<std::string>();
        if (v != "true" && v != "false") r.fail(kv.second, "annotation hints are true or false");
        sig.annotations.emplace_back(kv.first.as<std::string>(), v == "true");
      }
    } else {
      sig.field = tool_field(r.text(s, "field", true));
      if (!sig.field) r.fail(s["field"], "field is name, description, param-name or param-description");
      sig.regex = compile(r, s["regex"], r.text(s, "regex", true));
      for (const auto& u : r.list(s, "unless")) sig.unless.push_back(compile(r, s["unless"], u));
    }
    rule.signals.push_back(std::move(sig));
  }
  YAML::Node examples = root["examples"];
  r.only_keys(examples, {"match", "no_match"}, "examples");
  read_tool_examples(r, examples["match"], rule.match, rule.match_lines);
  read_tool_examples(r, examples["no_match"], rule.no_match, rule.no_match_lines);
  return rule;
}

std::optional<FleetCheck> check_named(const std::string& s) {
  if (s == "name-collision") return FleetCheck::name_collision;
  if (s == "confusable-name") return FleetCheck::confusable_name;
  if (s == "look-alike-name") return FleetCheck::look_alike_name;
  if (s == "shadowing") return FleetCheck::shadowing;
  if (s == "toxic-flow") return FleetCheck::toxic_flow;
  return std::nullopt;
}

FleetRule load_rule(const std::string& path) {
  YamlRuleReader r(path);
  YAML::Node root = r.load();
  r.only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "help", "check",
                     "raised_severity", "weaker_severity", "legs", "scope", "examples"},
              "a fleet rule");
  FleetRule rule;
  rule.info = r.rule_info(root);
  int number = std::atoi(rule.info.id.c_str() + 3);
  if (!rule.info.id.starts_with("MCP3") || number < 320 || number > 339) r.fail(root["id"], "fleet rules use ids MCP320..MCP339");
  rule.file = path;
  auto check = check_named(r.text(root, "check", true));
  if (!check) r.fail(root["check"], "check is name-collision, confusable-name, look-alike-name, shadowing or toxic-flow");
  rule.check = *check;
  if (root["raised_severity"].IsDefined()) rule.raised_severity = r.severity(root["raised_severity"]);
  if (root["weaker_severity"].IsDefined()) rule.weaker_severity = r.severity(root["weaker_severity"]);
  for (const auto& leg : r.list(root, "legs")) {
    auto c = parse_capability(leg);
    if (!c) r.fail(root["legs"], "unknown capability '" + leg + "'");
    rule.legs.push_back(*c);
  }
  if (rule.check == FleetCheck::toxic_flow && rule.legs.size() < 2) r.fail(root, "a toxic-flow rule needs two or more legs");
  std::string scope = r.text(root, "scope", false);
  if (!scope.empty() && scope != "across-servers" && scope != "one-server") r.fail(root["scope"], "scope is across-servers or one-server");
  rule.single_server = scope == "one-server";
  YAML::Node examples = root["examples"];
  r.only_keys(examples, {"match", "no_match"}, "examples");
  for (const char* kind : {"match", "no_match"}) {
    YAML::Node list = examples[kind];
    if (!list.IsSequence() || list.size() == 0) r.fail(examples, std::string("examples need a non-empty '") + kind + "' list");
    for (const auto& e : list) {
      r.only_keys(e, {"servers"}, "an example");
      if (!e["servers"].IsMap() || e["servers"].size() < 2) r.fail(e, "an example is a fleet of two or more servers");
      rule.examples.push_back({std::string(kind) == "match", to_json_value(e["servers"]), e.Mark().line + 1});
    }
  }
  return rule;
}

std::string describe_fleet(const nlohmann::json& servers) {
  std::string out;
  for (const auto& [name, s] : servers.items()) {
    out += (out.empty() ? "" : "; ") + name + ":";
    for (const auto& t : s.value("tools", nlohmann::json::array())) out += " " + t.value("name", "?");
  }
  return out;
}

}  // namespace

FleetRules load_fleet_rules(const std::string& dir) {
  FleetRules out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& f : rules::rule_files_in(dir)) out.rules.push_back(load_rule(f));
  fs::path caps = fs::path(dir) / "capabilities";
  if (fs::is_directory(caps, ec))
    for (const auto& f : rules::rule_files_in(caps.string())) out.capabilities.push_back(load_capability(f));
  return out;
}

std::vector<FleetExampleOutcome> run_fleet_examples(const FleetRules& rules) {
  std::vector<FleetExampleOutcome> out;
  for (const auto& cap : rules.capabilities) {
    auto run = [&](const std::vector<nlohmann::json>& tools, const std::vector<int>& lines, bool expect) {
      for (size_t i = 0; i < tools.size(); ++i) {
        std::string why;
        auto tool = tool_from_protocol(tools[i], &why);
        bool labelled = false;
        if (tool)
          for (const auto& l : label_tool({cap}, *tool)) labelled = labelled || l.label == cap.label;
        out.push_back({to_string(cap.label), cap.file, lines[i], expect, tool && labelled == expect,
                       "tool " + tools[i].value("name", "?")});
      }
    };
    run(cap.match, cap.match_lines, true);
    run(cap.no_match, cap.no_match_lines, false);
  }
  for (const auto& rule : rules.rules)
    for (const auto& ex : rule.examples) {
      auto servers = fleet_from_json(ex.servers);
      FleetView view = view_of(servers, rules);
      bool matched = !run_fleet_rule(rule, view).empty();
      out.push_back({rule.info.id, rule.file, ex.line, ex.should_match, matched == ex.should_match, describe_fleet(ex.servers)});
    }
  return out;
}

}  // namespace assay::fleet
