// Turns what a sandboxed server did into findings, using the runtime rules (rules/runtime).
#pragma once
#include <string>
#include <vector>

#include "sandbox/event.h"
#include "scanner/behaviour/behaviour_rule.h"
#include "scanner/model/finding.h"

namespace assay::behaviour {

struct BehaviourContext {
  std::string server;       // server name for the findings
  std::string phase;        // "start-up" (launch, initialize, listing) or "tool calls"
  std::string events_file;  // the events as JSON lines (event i on line i+1); empty = none written
};

bool matches(const BehaviourRule& rule, const sandbox::Event& event);

// One finding per rule and distinct group_by value, with the first matching event as evidence and
// a count of the rest; the primary location is that event's line in the events file.
std::vector<Finding> evaluate_behaviour(const std::vector<BehaviourRule>& rules,
                                        const std::vector<sandbox::Event>& events, const BehaviourContext& context);

// The event as evidence: what happened, without pid or time (they change every run).
std::string event_evidence(const sandbox::Event& e);

struct BehaviourExampleResult {
  const BehaviourRule* rule = nullptr;
  const EventExample* example = nullptr;
  bool expected_match = false;
  bool passed = false;
};

std::vector<BehaviourExampleResult> run_behaviour_examples(const std::vector<BehaviourRule>& rules);

}  // namespace assay::behaviour
