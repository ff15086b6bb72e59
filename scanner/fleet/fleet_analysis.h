// The fleet view: every cross-server rule over the scanned set of servers.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "scanner/fleet/capability.h"
#include "scanner/fleet/fleet_rules.h"
#include "scanner/fleet/fleet_server.h"
#include "scanner/model/finding.h"

namespace assay::fleet {

// The servers, and each tool's capability labels (labels[server][tool]), computed once.
struct FleetView {
  const std::vector<FleetServer>& servers;
  std::vector<std::vector<std::vector<ToolLabel>>> labels;
};
FleetView view_of(const std::vector<FleetServer>& servers, const FleetRules& rules);

std::vector<Finding> run_fleet_rule(const FleetRule& rule, const FleetView& view);

// Findings of every fleet rule; none for fewer than two servers.
std::vector<Finding> analyse_fleet(const FleetRules& rules, const std::vector<FleetServer>& servers);

// Servers written as {"name": {"instructions": "...", "tools": [protocol tools]}}, for rule
// examples and tests; tools that are not valid protocol tools are skipped.
std::vector<FleetServer> fleet_from_json(const nlohmann::json& servers);

}  // namespace assay::fleet
