// Rules over the whole scanned set of servers (band MCP320-MCP339, rules/fleet/*.yaml) and the
// capability labels toxic flows are built from (rules/fleet/capabilities/*.yaml). Each rule
// names the analysis it configures and carries example fleets that must and must not match.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/fleet/capability.h"
#include "scanner/model/rule_info.h"

namespace assay::fleet {

enum class FleetCheck { name_collision, confusable_name, look_alike_name, shadowing, toxic_flow };

struct FleetExample {
  bool should_match = true;
  nlohmann::json servers;  // {"server name": {"instructions": "...", "tools": [protocol tools]}}
  int line = 0;
};

struct FleetRule {
  RuleInfo info;  // info.severity: the strongest case
  std::string file;
  FleetCheck check = FleetCheck::name_collision;
  // name-collision: the severity when a colliding tool is destructive or sends data out.
  Severity raised_severity = Severity::medium;
  // shadowing: the severity of a mention outside an instruction; toxic-flow: of a path with a
  // leg only weakly evidenced (two or more weak legs: one step lower again).
  Severity weaker_severity = Severity::medium;
  std::vector<Capability> legs;  // toxic-flow: the path, in order (source ... sink)
  bool single_server = false;    // toxic-flow: every leg in one server, instead of across servers
  std::vector<FleetExample> examples;
};

struct FleetRules {
  std::vector<CapabilityRule> capabilities;
  std::vector<FleetRule> rules;
};

// `dir` holds the MCP32x/33x rule files and a capabilities/ folder; AssayError(input) with
// file:line for a malformed file. A missing directory gives no rules.
FleetRules load_fleet_rules(const std::string& dir);

struct FleetExampleOutcome {
  std::string id;    // rule id, or the capability label
  std::string file;
  int line = 0;
  bool expected_match = true;
  bool passed = false;
  std::string detail;  // what the example was
};
std::vector<FleetExampleOutcome> run_fleet_examples(const FleetRules& rules);

}  // namespace assay::fleet
