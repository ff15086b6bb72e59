// How serious a change to a pinned item is: which MCP31x rule it falls under and at what
// severity. A description that now reads as an instruction to the model outranks a new
// parameter, which outranks a typo fix.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/lock/lock_rules.h"
#include "scanner/lock/surface_diff.h"
#include "scanner/model/severity.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::lock {

struct Verdict {
  std::string rule_id;
  Severity severity = Severity::low;
  std::vector<std::string> details;  // one line per change, escaped and bounded
};

// Verdicts for one item, one per rule that its changes fall under, in rule id order.
// `before` null = the item is new; `after` null = it was removed.
std::vector<Verdict> judge_item(ItemKind kind, const nlohmann::json& before, const nlohmann::json& after,
                                const std::vector<LockRule>& rules, const rules::MetadataEngine& engine);

struct LockExampleOutcome {
  const LockRule* rule;
  const LockExample* example;
  bool passed;
  std::string detail;  // the rule ids the example produced
};
std::vector<LockExampleOutcome> run_lock_rule_examples(const std::vector<LockRule>& rules,
                                                       const rules::MetadataEngine& engine);

}  // namespace assay::lock
