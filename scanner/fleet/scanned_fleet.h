// The fleet of a finished scan: every server whose inventory was read, with the config entry
// that declared it, and the cross-server findings over them.
#pragma once
#include <string>
#include <vector>

#include "scanner/fleet/fleet_rules.h"
#include "scanner/fleet/fleet_server.h"
#include "scanner/model/scan_result.h"

namespace assay::fleet {

// A server a client config declares, as the scan named its target.
struct DeclaredServer {
  std::string target;  // ScannedTarget::target of its scan
  std::string name;    // the config's name for it
  PhysicalLocation entry;
};

// Each scanned target with an inventory file, read back from that file (so locations index
// the bytes on disk); the same file twice counts once.
std::vector<FleetServer> fleet_of_scan(const ScanResult& result, const std::vector<DeclaredServer>& declared);

// With two or more servers: appends the fleet findings and puts the fleet rules in the
// catalogue (only then, as they only fire then).
void add_fleet_findings(const FleetRules& rules, const std::vector<DeclaredServer>& declared, ScanResult& result);

}  // namespace assay::fleet
