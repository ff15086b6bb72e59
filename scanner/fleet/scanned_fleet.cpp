// Building the fleet from a scan's targets and adding its findings.
#include "scanner/fleet/scanned_fleet.h"

#include <filesystem>
#include <set>

#include "scanner/fleet/fleet_analysis.h"
#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"

namespace assay::fleet {

std::vector<FleetServer> fleet_of_scan(const ScanResult& result, const std::vector<DeclaredServer>& declared) {
  std::vector<FleetServer> out;
  std::set<std::string> files, names;
  for (const auto& t : result.targets) {
    if (t.status != TargetStatus::scanned || t.inventory_file.empty() || !files.insert(t.inventory_file).second) continue;
    targets::LoadedDump dump;
    try {
      dump = targets::load_dump_file(t.inventory_file);
    } catch (const AssayError&) {
      continue;  // it was read once already; a file changed under us is not worth failing the scan for
    }
    FleetServer s;
    s.inventory = std::move(dump.inventory);
    s.locator = dump.locator;
    s.name = s.inventory.server.name;
    for (const auto& d : declared)
      if (d.target == t.target) {
        s.name = d.name;
        s.config_entry = d.entry;
      }
    if (s.name.empty()) s.name = std::filesystem::path(t.inventory_file).stem().string();
    if (!s.inventory.server.name.empty() && s.inventory.server.name != s.name) s.aliases.push_back(s.inventory.server.name);
    // Two targets with one name (two configs both calling a server "github") stay apart.
    std::string base = s.name;
    for (int i = 2; !names.insert(s.name).second; ++i) s.name = base + " (" + std::to_string(i) + ")";
    out.push_back(std::move(s));
  }
  return out;
}

void add_fleet_findings(const FleetRules& rules, const std::vector<DeclaredServer>& declared, ScanResult& result) {
  if (rules.rules.empty()) return;
  std::vector<FleetServer> servers = fleet_of_scan(result, declared);
  if (servers.size() < 2) return;
  for (const auto& r : rules.rules) result.rules.push_back(r.info);
  for (auto& f : analyse_fleet(rules, servers)) result.findings.push_back(std::move(f));
}

}  // namespace assay::fleet
