// The fuzzing plan: for each tool a valid baseline call, then calls that each carry one
// payload in one field, ordered field-aware and cut to the budget. The executor runs the
// calls in `scan_order`, plants each call's setup, and reads back from a call's canary which
// tool, field and payload any event belongs to.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scanner/fuzz/canary.h"
#include "scanner/fuzz/field_role.h"
#include "scanner/fuzz/oracle.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/fuzz/schema_limits.h"
#include "scanner/fuzz/schema_validator.h"

namespace assay {
struct Tool;
struct Inventory;
}  // namespace assay

namespace assay::fuzz {

struct FuzzBudget {
  int calls_per_tool = 40;       // --fuzz-calls: the baseline counts as one
  int calls_per_scan = 0;        // 0 = only the per-tool budget
  double seconds_per_scan = 0;   // --fuzz-time: enforced by the executor, which stops in scan_order
};

struct PlanOptions {
  std::uint64_t seed = 1;        // --seed: same seed, same plan
  FuzzBudget budget;
  PlanPaths paths;
  SchemaLimits limits;
  std::size_t max_fields = 64;   // per tool
};

struct FuzzCall {
  std::string tool;
  int index = 0;                 // within its tool; 0 is the baseline
  bool baseline = false;
  std::string field_path;        // "options.path"; empty for the baseline
  std::string field_pointer;     // "/options/path"
  std::vector<FieldRole> field_roles;
  std::string payload_class;     // class id; empty for the baseline
  std::string payload_id;
  Oracle oracle = Oracle::crash_or_hang;  // the baseline's: it must neither crash nor hang
  int tier = 0;                  // 0: the field's role asks for this class, 1: it does not, 2: generic
  CallCanary canary;
  std::string expect;            // filled: what the oracle looks for (empty: the oracle's own signal)
  std::vector<SetupAction> setup;  // filled paths
  nlohmann::json arguments;      // the tools/call arguments, payload in place
};

struct FieldSummary {
  std::string path;
  std::vector<FieldRole> roles;
  bool accepts_string = false;
  bool constrained = false;
};

struct ToolPlan {
  std::string tool;
  nlohmann::json baseline;                  // arguments of the baseline call
  bool baseline_valid = false;              // it validates against the tool's inputSchema
  std::vector<ValidationIssue> baseline_issues;
  int unchecked_patterns = 0;               // patterns RE2 could not run while checking it
  std::vector<std::string> notes;           // what the schema did that was tolerated
  std::vector<FieldSummary> fields;
  std::size_t candidates = 0;               // payload calls possible before the budget
  std::vector<FuzzCall> calls;              // baseline first, then the planned payload calls
};

struct FuzzPlan {
  PlanOptions options;
  std::vector<ToolPlan> tools;
  // Calls as the executor runs them: (tool index, call index), round-robin across tools so a
  // time budget that runs out leaves every tool equally covered.
  std::vector<std::pair<std::size_t, std::size_t>> scan_order;
  std::size_t total_calls() const { return scan_order.size(); }
};

ToolPlan plan_tool(const Tool& tool, const std::vector<PayloadClass>& classes, const PlanOptions& options);
FuzzPlan plan_fuzzing(const Inventory& inventory, const std::vector<PayloadClass>& classes, const PlanOptions& options);

// The calls whose canary token occurs in `text` (an event's path, a DNS name, sinkhole bytes).
std::vector<const FuzzCall*> calls_named_in(const FuzzPlan& plan, std::string_view text);

// The baseline arguments alone, for a tool's schema: what plan_tool puts in calls[0].
struct Baseline {
  nlohmann::json arguments;
  bool valid = false;
  std::vector<ValidationIssue> issues;
  int unchecked_patterns = 0;
  std::vector<std::string> notes;
};
Baseline make_baseline(const nlohmann::json& input_schema, const PlanPaths& paths, const SchemaLimits& limits = {});

}  // namespace assay::fuzz
