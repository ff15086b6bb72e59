// Every kind of rule one scan applies, loaded once from a rules directory.
#pragma once
#include <string>
#include <vector>

#include "scanner/behaviour/behaviour_rule.h"
#include "scanner/code/code_rule.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::scan {

struct RuleSet {
  rules::MetadataEngine metadata;                 // rules/metadata
  std::vector<behaviour::BehaviourRule> runtime;  // rules/runtime
  std::vector<code::CodeRule> code;               // rules/code/<language>/
};

// `dir` is the rules root (holding metadata/ and runtime/) or, as before, a metadata rules
// directory itself (then the runtime rules come from its sibling runtime/ when present).
RuleSet load_rule_set(const std::string& dir);

// Catalogue of enabled rules as reporters want it.
std::vector<RuleInfo> rule_catalogue(const RuleSet& rules);

}  // namespace assay::scan
