// Reads rules/dynamic/*.yaml with the strict reader every rule kind shares.
#include <set>

#include "scanner/dynamic/dynamic_rule.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::dynamic {
namespace {

class DynamicRuleReader : public rules::YamlRuleReader {
 public:
  using YamlRuleReader::YamlRuleReader;

  DynamicRule read() const {
    YAML::Node root = load();
    only_keys(root, {"id", "name", "signal", "title", "description", "severity", "confidence", "cwe", "tags",
                     "message", "help", "references"},
              "a dynamic rule");
    DynamicRule r;
    r.file = path();
    r.info = rule_info(root);
    int number = std::stoi(r.info.id.substr(3));
    if (number < 220 || number > 239) fail(root["id"], "dynamic rules use ids MCP220..MCP239");
    std::string signal = text(root, "signal", true);
    auto parsed = parse_signal(signal);
    if (!parsed) fail(root["signal"], "unknown signal '" + signal + "'");
    r.signal = *parsed;
    r.message = text(root, "message", true);
    return r;
  }
};

}  // namespace

std::vector<DynamicRule> load_dynamic_rules(const std::string& dir) {
  std::vector<DynamicRule> out;
  std::set<std::string> ids;
  std::set<Signal> signals;
  for (const auto& file : rules::rule_files_in(dir)) {
    DynamicRule r = DynamicRuleReader(file).read();
    if (!ids.insert(r.info.id).second) throw input_error(file + ": duplicate rule id " + r.info.id);
    if (!signals.insert(r.signal).second)
      throw input_error(file + ": signal '" + std::string(to_string(r.signal)) + "' is reported by another rule too");
    out.push_back(std::move(r));
  }
  for (Signal s : all_signals())
    if (!signals.count(s))
      throw input_error(dir + ": no rule reports the signal '" + std::string(to_string(s)) + "'");
  return out;
}

const DynamicRule* rule_for(const std::vector<DynamicRule>& rules, Signal signal) {
  for (const auto& r : rules)
    if (r.signal == signal) return &r;
  return nullptr;
}

}  // namespace assay::dynamic
