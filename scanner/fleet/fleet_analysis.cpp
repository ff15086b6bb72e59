// Runs each fleet rule's analysis over the scanned set.
#include "scanner/fleet/fleet_analysis.h"

#include "scanner/fleet/fleet_checks.h"

namespace assay::fleet {

FleetView view_of(const std::vector<FleetServer>& servers, const FleetRules& rules) {
  FleetView view{servers, {}};
  for (const auto& s : servers) {
    auto& per_tool = view.labels.emplace_back();
    for (const auto& t : s.inventory.tools) per_tool.push_back(label_tool(rules.capabilities, t));
  }
  return view;
}

std::vector<Finding> run_fleet_rule(const FleetRule& rule, const FleetView& view) {
  switch (rule.check) {
    case FleetCheck::name_collision: return find_name_collisions(rule, view);
    case FleetCheck::confusable_name: return find_confusable_names(rule, view);
    case FleetCheck::look_alike_name: return find_look_alike_names(rule, view);
    case FleetCheck::shadowing: return find_shadowing(rule, view);
    case FleetCheck::toxic_flow: return find_toxic_flows(rule, view);
  }
  return {};
}

std::vector<Finding> analyse_fleet(const FleetRules& rules, const std::vector<FleetServer>& servers) {
  std::vector<Finding> out;
  if (servers.size() < 2) return out;
  FleetView view = view_of(servers, rules);
  for (const auto& rule : rules.rules)
    for (auto& f : run_fleet_rule(rule, view)) out.push_back(std::move(f));
  return out;
}

std::vector<FleetServer> fleet_from_json(const nlohmann::json& servers) {
  std::vector<FleetServer> out;
  if (!servers.is_object()) return out;
  for (const auto& [name, s] : servers.items()) {
    FleetServer server;
    server.name = name;
    server.inventory.server.name = name;
    if (s.is_object() && s.contains("instructions") && s["instructions"].is_string())
      server.inventory.server.instructions = s["instructions"].get<std::string>();
    if (s.is_object() && s.contains("tools") && s["tools"].is_array())
      for (const auto& t : s["tools"]) {
        std::string why;
        if (auto tool = tool_from_protocol(t, &why)) server.inventory.tools.push_back(std::move(*tool));
      }
    out.push_back(std::move(server));
  }
  return out;
}

Finding fleet_finding(const FleetRule& rule, Severity severity, std::string message, std::string evidence,
                      std::string server, std::vector<Location> locations) {
  Finding f;
  f.rule_id = rule.info.id;
  f.rule_name = rule.info.name;
  f.severity = severity;
  f.confidence = rule.info.confidence;
  f.message = std::move(message);
  f.evidence = std::move(evidence);
  f.server = std::move(server);
  f.locations = std::move(locations);
  f.fingerprint = compute_fingerprint(f);
  return f;
}

std::string listed(const std::vector<std::string>& items, size_t shown) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < shown; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

}  // namespace assay::fleet
