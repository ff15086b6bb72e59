// Tool or server names that differ yet look the same (ICU confusable skeletons, UTS #39):
// "send_emaіl" with a Cyrillic і beside another server's "send_email". No honest server picks
// a look-alike of a neighbour's name, so this is an impersonation attempt.
#include <map>
#include <set>

#include "scanner/fleet/fleet_checks.h"
#include "scanner/fleet/tool_names.h"
#include "scanner/text/identifier_checks.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxListed = 8;

struct Named {
  size_t server;
  const Tool* tool;  // null: the server's own name
  std::string name;
};

}  // namespace

std::vector<Finding> find_confusable_names(const FleetRule& rule, const FleetView& view) {
  std::map<std::string, std::vector<Named>> by_skeleton;
  for (size_t s = 0; s < view.servers.size(); ++s) {
    const FleetServer& server = view.servers[s];
    by_skeleton[text::confusable_skeleton(server.name)].push_back({s, nullptr, server.name});
    for (const auto& t : server.inventory.tools) by_skeleton[text::confusable_skeleton(t.name)].push_back({s, &t, t.name});
  }
  std::vector<Finding> out;
  for (const auto& [skeleton, names] : by_skeleton) {
    if (names.size() < 2 || skeleton.empty()) continue;
    // Look-alikes only: names equal up to case and separators are collisions (another rule),
    // and only names of different servers, of the same kind (tool with tool), count.
    for (bool tools : {true, false}) {
      std::set<std::string> canonicals;
      std::set<size_t> servers;
      std::vector<std::string> named;
      std::vector<Location> locations;
      for (const auto& n : names) {
        if ((n.tool != nullptr) != tools) continue;
        canonicals.insert(canonical_name(n.name));
        servers.insert(n.server);
        const FleetServer& server = view.servers[n.server];
        named.push_back(tools ? server.name + "/" + n.name : n.name);
        if (locations.size() < kMaxListed)
          locations.push_back(tools ? tool_location(server, *n.tool) : server_location(server));
      }
      if (canonicals.size() < 2 || servers.size() < 2) continue;
      std::string what = tools ? "Tool names" : "Server names";
      std::string message = what + " " + listed(named, kMaxListed) +
                            " differ but look alike (same confusable skeleton '" + skeleton +
                            "'): one impersonates the other, so calls meant for one can reach the other";
      out.push_back(fleet_finding(rule, rule.info.severity, message, listed(named, kMaxListed),
                                  view.servers[*servers.begin()].name, std::move(locations)));
    }
  }
  return out;
}

}  // namespace assay::fleet
