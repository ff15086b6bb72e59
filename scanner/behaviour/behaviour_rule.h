// A runtime rule as loaded from rules/runtime/*.yaml: which recorded sandbox events are
// behaviour no benign server needs, and how to report them.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "sandbox/event.h"
#include "scanner/model/rule_info.h"

namespace re2 {
class RE2;
}

namespace assay::behaviour {

// One condition on one field of an event (see event_field() for the field names).
struct FieldCondition {
  enum class Op { any_of, regex, not_regex };
  std::string field;
  Op op = Op::any_of;
  std::vector<std::string> values;        // any_of: exact values
  std::shared_ptr<const re2::RE2> regex;  // regex / not_regex (case-insensitive, RE2)
};

// All conditions must hold.
struct EventPattern {
  std::vector<sandbox::EventKind> kinds;  // empty = any kind
  std::vector<FieldCondition> conditions;
};

struct EventExample {
  sandbox::Event event;
  int line = 0;
};

struct BehaviourRule {
  RuleInfo info;
  std::string file;
  std::string message;      // template: {path} {address} {port} {name} {exec_name} {argv} {count} ...
  EventPattern when;
  std::vector<EventPattern> unless;  // an event matching any of these is not a finding
  std::string group_by;     // one finding per distinct value of this field (empty = per rule)
  std::vector<EventExample> must_match;
  std::vector<EventExample> must_not_match;
};

// Loads every *.yaml in `dir`. Throws AssayError(input) naming file:line for an unknown key,
// an unknown event kind or field, a bad RE2 regex, a duplicate id or a rule without examples.
std::vector<BehaviourRule> load_behaviour_rules(const std::string& dir);

}  // namespace assay::behaviour
