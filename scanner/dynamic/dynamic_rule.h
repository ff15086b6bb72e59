// A dynamic-analysis rule as loaded from rules/dynamic/*.yaml: the documentation and message of
// one kind of proof (Signal) the executor and its oracles produce. The detection itself is the
// oracle's; the rule says how it is reported.
#pragma once
#include <string>
#include <vector>

#include "scanner/dynamic/signal.h"
#include "scanner/model/rule_info.h"

namespace assay::dynamic {

struct DynamicRule {
  RuleInfo info;
  Signal signal = Signal::crash;
  std::string message;  // template: {tool} {field} {payload} {detail}
  std::string file;
};

// Loads every *.yaml in `dir`. Throws AssayError(input) naming file:line for an unknown key, an id
// outside MCP220..MCP239, an unknown or repeated signal, or a signal no rule reports.
std::vector<DynamicRule> load_dynamic_rules(const std::string& dir);

const DynamicRule* rule_for(const std::vector<DynamicRule>& rules, Signal signal);

}  // namespace assay::dynamic
