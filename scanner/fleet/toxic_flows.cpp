// Toxic flows: tools whose capabilities chain into a rule's legs, e.g. a tool that ingests
// content anyone can write (an injected instruction arrives), a tool that reads private data,
// and a tool that sends data out. Each tool may be harmless alone; together the injected text
// can make the model read the private data and send it away. One finding per path class (the
// server where the injection enters and the server where the last leg acts), naming the
// strongest path and listing the other tools on each leg.
#include <algorithm>
#include <optional>

#include "scanner/fleet/fleet_checks.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxListed = 5;

struct Pick {
  size_t server;
  size_t tool;
  bool strong;
};

// The first strong tool with `cap` in a server, else its first weak one.
std::optional<Pick> best_in(const FleetView& view, size_t server, Capability cap) {
  std::optional<Pick> weak;
  for (size_t t = 0; t < view.labels[server].size(); ++t)
    for (const auto& l : view.labels[server][t]) {
      if (l.label != cap) continue;
      if (l.strong) return Pick{server, t, true};
      if (!weak) weak = Pick{server, t, false};
    }
  return weak;
}

std::optional<Pick> better(std::optional<Pick> a, std::optional<Pick> b) {
  if (!a) return b;
  if (!b) return a;
  return (b->strong && !a->strong) ? b : a;
}

const ToolLabel* label_of(const FleetView& view, const Pick& p, Capability cap) {
  for (const auto& l : view.labels[p.server][p.tool])
    if (l.label == cap) return &l;
  return nullptr;
}

std::string tool_name(const FleetView& view, const Pick& p) {
  return view.servers[p.server].name + "/" + view.servers[p.server].inventory.tools[p.tool].name;
}

Severity lowered(Severity s, int steps) {
  int v = std::max(0, static_cast<int>(s) - steps);
  return static_cast<Severity>(v);
}

// Every tool with `cap` in the allowed servers, for the "also" list.
std::vector<std::string> others(const FleetView& view, Capability cap, const std::vector<size_t>& servers,
                                const Pick& chosen) {
  std::vector<std::string> out;
  for (size_t s : servers)
    for (size_t t = 0; t < view.labels[s].size(); ++t)
      for (const auto& l : view.labels[s][t])
        if (l.label == cap && !(s == chosen.server && t == chosen.tool)) out.push_back(tool_name(view, {s, t, l.strong}));
  return out;
}

Finding report(const FleetRule& rule, const FleetView& view, const std::vector<Pick>& path,
               const std::vector<std::vector<size_t>>& leg_servers) {
  int weak = 0;
  std::string chain, labels, also;
  std::vector<Location> locations;
  for (size_t i = 0; i < path.size(); ++i) {
    const Pick& p = path[i];
    if (!p.strong) ++weak;
    chain += (i ? " -> " : "") + tool_name(view, p);
    const ToolLabel* l = label_of(view, p, rule.legs[i]);
    labels += std::string(i ? "; " : "") + to_string(rule.legs[i]) + ": " + tool_name(view, p) + " (" +
              (p.strong ? "" : "weakly, ") + "\"" + (l ? l->evidence : "") + "\")";
    auto rest = others(view, rule.legs[i], leg_servers[i], p);
    if (!rest.empty()) also += std::string(also.empty() ? "" : "; ") + to_string(rule.legs[i]) + ": " + listed(rest, kMaxListed);
    const FleetServer& server = view.servers[p.server];
    Location loc = tool_location(server, server.inventory.tools[p.tool]);
    bool dup = std::any_of(locations.begin(), locations.end(), [&](const Location& x) { return x.logical == loc.logical; });
    if (!dup) locations.push_back(loc);
  }
  Severity severity = weak == 0 ? rule.info.severity : lowered(rule.weaker_severity, weak - 1);
  std::string message = "Toxic flow " + chain + ": " + labels + "." + (also.empty() ? "" : " Also on this path: " + also + ".");
  return fleet_finding(rule, severity, message, chain, view.servers[path.front().server].name, std::move(locations));
}

// Single server: every leg in one server, one finding per server.
std::vector<Finding> in_one_server(const FleetRule& rule, const FleetView& view) {
  std::vector<Finding> out;
  for (size_t s = 0; s < view.servers.size(); ++s) {
    std::vector<Pick> path;
    for (Capability cap : rule.legs)
      if (auto p = best_in(view, s, cap)) path.push_back(*p);
    if (path.size() != rule.legs.size()) continue;
    out.push_back(report(rule, view, path, std::vector<std::vector<size_t>>(rule.legs.size(), {s})));
  }
  return out;
}

// Across servers: for each (first-leg server, last-leg server), the middle legs from any server,
// with at least one leg outside a server that would otherwise hold the whole path.
std::vector<Finding> across_servers(const FleetRule& rule, const FleetView& view) {
  std::vector<Finding> out;
  const size_t n = view.servers.size(), k = rule.legs.size();
  std::vector<size_t> all(n);
  for (size_t s = 0; s < n; ++s) all[s] = s;
  for (size_t a = 0; a < n; ++a) {
    auto first = best_in(view, a, rule.legs.front());
    if (!first) continue;
    for (size_t z = 0; z < n; ++z) {
      auto last = best_in(view, z, rule.legs.back());
      if (!last) continue;
      std::vector<Pick> path{*first};
      bool complete = true;
      for (size_t i = 1; i + 1 < k && complete; ++i) {
        std::optional<Pick> best;
        for (size_t s = 0; s < n; ++s) best = better(best, best_in(view, s, rule.legs[i]));
        complete = best.has_value();
        if (best) path.push_back(*best);
      }
      if (!complete) continue;
      path.push_back(*last);
      if (a == z) {
        // Everything in one server is the one-server rule's business: move a middle leg to
        // another server, losing as little strength as possible.
        if (k < 3) continue;
        bool already_across = std::any_of(path.begin() + 1, path.end() - 1, [&](const Pick& p) { return p.server != a; });
        if (!already_across) {
          std::optional<std::pair<size_t, Pick>> moved;
          for (size_t i = 1; i + 1 < k; ++i)
            for (size_t s = 0; s < n; ++s) {
              if (s == a) continue;
              auto p = best_in(view, s, rule.legs[i]);
              if (p && (!moved || (p->strong && !moved->second.strong))) moved = std::make_pair(i, *p);
            }
          if (!moved) continue;
          path[moved->first] = moved->second;
        }
      }
      std::vector<std::vector<size_t>> leg_servers(k, all);
      leg_servers.front() = {a};
      leg_servers.back() = {z};
      out.push_back(report(rule, view, path, leg_servers));
    }
  }
  return out;
}

}  // namespace

std::vector<Finding> find_toxic_flows(const FleetRule& rule, const FleetView& view) {
  return rule.single_server ? in_one_server(rule, view) : across_servers(rule, view);
}

}  // namespace assay::fleet
