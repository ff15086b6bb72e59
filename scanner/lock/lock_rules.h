// Rules over lockfile verification (band MCP310..MCP319, rules/lock/*.yaml): their documentation,
// the instruction-like sentence patterns MCP314 uses, and each rule's before/after examples.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/lock/surface.h"
#include "scanner/model/rule_info.h"

namespace re2 {
class RE2;
}

namespace assay::lock {

// One item declared before (pinned) and after (scanned); null = absent on that side.
struct LockExample {
  ItemKind kind = ItemKind::tool;
  nlohmann::json before;
  nlohmann::json after;
  bool should_match = true;
  int line = 0;
};

struct LockRule {
  RuleInfo info;
  std::string file;
  // Sentences added to a description that match one of these read as instructions to the model.
  std::vector<std::shared_ptr<re2::RE2>> instruction_patterns;
  std::vector<LockExample> examples;
};

// Every *.yaml in `dir`; AssayError(input) with file:line for a malformed rule.
std::vector<LockRule> load_lock_rules(const std::string& dir);

const LockRule* find_rule(const std::vector<LockRule>& rules, const std::string& id);

// The rule ids verification uses, one per kind of change.
namespace ids {
inline constexpr const char* kServerNotPinned = "MCP310";
inline constexpr const char* kServerMissing = "MCP311";
inline constexpr const char* kItemAdded = "MCP312";
inline constexpr const char* kItemRemoved = "MCP313";
inline constexpr const char* kTextInstruction = "MCP314";
inline constexpr const char* kTextReworded = "MCP315";
inline constexpr const char* kCosmetic = "MCP316";
inline constexpr const char* kInputWidened = "MCP317";
inline constexpr const char* kInputNarrowed = "MCP318";
inline constexpr const char* kHintChanged = "MCP319";
}  // namespace ids

}  // namespace assay::lock
