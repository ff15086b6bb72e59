// Reads runtime rules from YAML, refusing anything malformed with file:line.
#include <re2/re2.h>

#include <set>

#include "scanner/behaviour/behaviour_rule.h"
#include "scanner/behaviour/event_fields.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::behaviour {
namespace {

class BehaviourRuleReader : public rules::YamlRuleReader {
 public:
  using YamlRuleReader::YamlRuleReader;

  BehaviourRule read() const {
    YAML::Node root = load();
    only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "message",
                     "help", "when", "unless", "group_by", "examples", "references"},
              "a runtime rule");
    BehaviourRule r;
    r.file = path();
    r.info = rule_info(root);
    if (!r.info.id.starts_with("MCP2")) fail(root["id"], "runtime rules use ids MCP200..MCP299");
    r.message = text(root, "message", true);
    if (!root["when"].IsDefined()) fail(root, "missing required key 'when'");
    r.when = pattern(root["when"]);
    YAML::Node unless = root["unless"];
    if (unless.IsDefined() && !unless.IsNull()) {
      if (!unless.IsSequence()) fail(unless, "'unless' must be a list of event patterns");
      for (const auto& u : unless) r.unless.push_back(pattern(u));
    }
    r.group_by = text(root, "group_by", false);
    if (!r.group_by.empty() && !is_event_field(r.group_by)) fail(root["group_by"], "unknown event field '" + r.group_by + "'");

    YAML::Node ex = root["examples"];
    if (!ex.IsDefined()) fail(root, "missing required key 'examples'");
    only_keys(ex, {"match", "no_match"}, "examples");
    r.must_match = examples(ex["match"], "match");
    r.must_not_match = examples(ex["no_match"], "no_match");
    if (r.must_match.empty() || r.must_not_match.empty())
      fail(ex, "a rule needs at least one match and one no_match example");
    return r;
  }

 private:
  std::vector<std::string> scalars(const YAML::Node& n, const std::string& what) const {
    std::vector<std::string> out;
    if (n.IsScalar()) return {n.as<std::string>()};
    if (!n.IsSequence()) fail(n, what + " must be a value or a list of values");
    for (const auto& item : n) {
      if (!item.IsScalar()) fail(item, what + " must be a value or a list of values");
      out.push_back(item.as<std::string>());
    }
    return out;
  }

  std::shared_ptr<const re2::RE2> compile(const YAML::Node& at) const {
    std::string source = at.IsScalar() ? at.as<std::string>() : std::string();
    check_regex(at, source);
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_case_sensitive(false);
    return std::make_shared<const re2::RE2>(source, opts);
  }

  EventPattern pattern(const YAML::Node& map) const {
    if (!map.IsMap()) fail(map, "an event pattern must be a mapping of event fields");
    EventPattern p;
    for (const auto& kv : map) {
      std::string field = kv.first.as<std::string>();
      if (field == "kind") {
        for (const auto& k : scalars(kv.second, "kind")) {
          auto kind = event_kind_from_string(k);
          if (!kind) fail(kv.second, "unknown event kind '" + k + "'");
          p.kinds.push_back(*kind);
        }
        continue;
      }
      if (!is_event_field(field)) fail(kv.first, "unknown event field '" + field + "'");
      FieldCondition c;
      c.field = field;
      if (kv.second.IsMap()) {
        only_keys(kv.second, {"regex", "not_regex"}, "a field condition");
        if (kv.second.size() != 1) fail(kv.second, "a field condition has exactly one of regex, not_regex");
        bool negated = kv.second["not_regex"].IsDefined();
        c.op = negated ? FieldCondition::Op::not_regex : FieldCondition::Op::regex;
        c.regex = compile(kv.second[negated ? "not_regex" : "regex"]);
      } else {
        c.values = scalars(kv.second, "'" + field + "'");
      }
      p.conditions.push_back(std::move(c));
    }
    return p;
  }

  std::vector<EventExample> examples(const YAML::Node& items, const char* which) const {
    std::vector<EventExample> out;
    if (!items.IsDefined() || items.IsNull()) return out;
    if (!items.IsSequence()) fail(items, std::string("examples.") + which + " must be a list of events");
    for (const auto& item : items) {
      only_keys(item, {"kind", "path", "path2", "argv", "address", "port", "protocol", "name", "detail", "data",
                       "canary", "honeytoken", "flags", "target_pid"},
                "an example event");
      EventExample ex;
      ex.line = item.Mark().line + 1;
      sandbox::Event& e = ex.event;
      auto kind = event_kind_from_string(text(item, "kind", true));
      if (!kind) fail(item["kind"], "unknown event kind '" + text(item, "kind", true) + "'");
      e.kind = *kind;
      e.path = text(item, "path", false);
      e.path2 = text(item, "path2", false);
      e.argv = list(item, "argv");
      e.address = text(item, "address", false);
      e.protocol = text(item, "protocol", false);
      e.name = text(item, "name", false);
      e.detail = text(item, "detail", false);
      e.data = text(item, "data", false);
      e.canary = text(item, "canary", false);
      if (item["port"].IsDefined()) e.port = item["port"].as<int>();
      if (item["honeytoken"].IsDefined()) e.honeytoken = item["honeytoken"].as<bool>();
      if (item["flags"].IsDefined()) e.flags = item["flags"].as<long long>();
      if (item["target_pid"].IsDefined()) e.target_pid = item["target_pid"].as<int>();
      out.push_back(std::move(ex));
    }
    return out;
  }
};

}  // namespace

std::vector<BehaviourRule> load_behaviour_rules(const std::string& dir) {
  std::vector<BehaviourRule> out;
  std::set<std::string> ids;
  for (const auto& file : rules::rule_files_in(dir)) {
    BehaviourRule r;
    try {
      r = BehaviourRuleReader(file).read();
    } catch (const YAML::Exception& e) {
      throw input_error(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
    if (!ids.insert(r.info.id).second) throw input_error(file + ": duplicate rule id " + r.info.id);
    out.push_back(std::move(r));
  }
  if (out.empty()) throw input_error(dir + ": no rule files (*.yaml) found");
  return out;
}

}  // namespace assay::behaviour
