// Shared by the fleet tests: the repository's fleet rules, servers from dumps or JSON, and
// picking findings by rule.
#pragma once
#include <string>
#include <vector>

#include "scanner/fleet/fleet_analysis.h"
#include "scanner/fleet/fleet_rules.h"
#include "scanner/targets/dump_loader.h"

namespace assay::testing {

inline const fleet::FleetRules& repo_fleet_rules() {
  static const fleet::FleetRules rules = fleet::load_fleet_rules(std::string(ASSAY_SOURCE_DIR) + "/rules/fleet");
  return rules;
}

inline const fleet::FleetRule& fleet_rule(const std::string& id) {
  for (const auto& r : repo_fleet_rules().rules)
    if (r.info.id == id) return r;
  throw std::runtime_error("no fleet rule " + id);
}

// A server read from a dump in the repository, named as the scan would name it.
inline fleet::FleetServer dump_server(const std::string& relative) {
  auto dump = targets::load_dump_file(std::string(ASSAY_SOURCE_DIR) + "/" + relative);
  fleet::FleetServer s;
  s.inventory = std::move(dump.inventory);
  s.locator = dump.locator;
  s.name = s.inventory.server.name;
  return s;
}

inline std::vector<Finding> run_rule(const std::string& id, const std::vector<fleet::FleetServer>& servers) {
  fleet::FleetView view = fleet::view_of(servers, repo_fleet_rules());
  return fleet::run_fleet_rule(fleet_rule(id), view);
}

inline std::vector<Finding> with_rule(const std::vector<Finding>& findings, const std::string& id) {
  std::vector<Finding> out;
  for (const auto& f : findings)
    if (f.rule_id == id) out.push_back(f);
  return out;
}

}  // namespace assay::testing
