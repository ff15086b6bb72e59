// The cross-server analyses, one file each; fleet_analysis.cpp picks one per rule.
#pragma once
#include <string>
#include <vector>

#include "scanner/fleet/fleet_analysis.h"

namespace assay::fleet {

// name_collisions.cpp: the same tool name from two servers, up to case and separators.
std::vector<Finding> find_name_collisions(const FleetRule& rule, const FleetView& view);
// confusable_names.cpp: names that differ but look the same (ICU confusable skeletons).
std::vector<Finding> find_confusable_names(const FleetRule& rule, const FleetView& view);
// look_alike_names.cpp: typosquats: one word of a name misspelt into another server's word.
std::vector<Finding> find_look_alike_names(const FleetRule& rule, const FleetView& view);
// shadowing.cpp: a server's metadata naming another server's tools or the server itself.
std::vector<Finding> find_shadowing(const FleetRule& rule, const FleetView& view);
// toxic_flows.cpp: tools whose capabilities chain into the rule's legs.
std::vector<Finding> find_toxic_flows(const FleetRule& rule, const FleetView& view);

// A finding of `rule` with its fingerprint computed.
Finding fleet_finding(const FleetRule& rule, Severity severity, std::string message, std::string evidence,
                      std::string server, std::vector<Location> locations);

// "a, b, c and 4 more"
std::string listed(const std::vector<std::string>& items, size_t shown);

}  // namespace assay::fleet
