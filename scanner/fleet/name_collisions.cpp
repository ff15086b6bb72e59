// MCP320-style findings: two servers declare the same tool name (exactly, or up to case and
// separators, which a model reads as the same name). A client that does not namespace tools
// keeps one of them; one that does still leaves the model to pick, so a call and its arguments
// can reach the wrong server. Worse when a colliding tool deletes things or sends data out.
#include <map>
#include <set>

#include "scanner/fleet/fleet_checks.h"
#include "scanner/fleet/tool_names.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxListed = 8;

struct Member {
  size_t server;
  size_t tool;
};

bool dangerous(const std::vector<ToolLabel>& labels) {
  for (const auto& l : labels)
    if (l.strong && (l.label == Capability::destructive || l.label == Capability::public_sink)) return true;
  return false;
}

}  // namespace

std::vector<Finding> find_name_collisions(const FleetRule& rule, const FleetView& view) {
  // canonical name -> the first tool of each server with it (ordered, so output is stable)
  std::map<std::string, std::vector<Member>> by_name;
  for (size_t s = 0; s < view.servers.size(); ++s) {
    std::set<std::string> seen;
    const auto& tools = view.servers[s].inventory.tools;
    for (size_t t = 0; t < tools.size(); ++t) {
      std::string key = canonical_name(tools[t].name);
      if (key.empty() || !seen.insert(key).second) continue;
      by_name[key].push_back({s, t});
    }
  }
  std::vector<Finding> out;
  for (const auto& [key, members] : by_name) {
    if (members.size() < 2) continue;
    bool raised = false, variant = false;
    std::vector<std::string> named;
    std::vector<Location> locations;
    const std::string& first_name = view.servers[members[0].server].inventory.tools[members[0].tool].name;
    for (const auto& m : members) {
      const FleetServer& server = view.servers[m.server];
      const Tool& tool = server.inventory.tools[m.tool];
      raised = raised || dangerous(view.labels[m.server][m.tool]);
      variant = variant || tool.name != first_name;
      named.push_back(server.name + "/" + tool.name);
      if (locations.size() < kMaxListed) locations.push_back(tool_location(server, tool));
    }
    std::string how = variant ? "the same name up to case and separators (a model reads them as one)" : "the same name";
    std::string message = "Servers declare tools with " + how + ": " + listed(named, kMaxListed) +
                          "; the model can call the wrong server's tool with arguments meant for the other" +
                          (raised ? ", and one of them deletes data or sends it out" : "");
    out.push_back(fleet_finding(rule, raised ? rule.raised_severity : rule.info.severity, message, listed(named, kMaxListed),
                                view.servers[members[0].server].name, std::move(locations)));
  }
  return out;
}

}  // namespace assay::fleet
