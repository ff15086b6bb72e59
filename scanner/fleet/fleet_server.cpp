// Locations of fleet findings.
#include "scanner/fleet/fleet_server.h"

namespace assay::fleet {

Location tool_location(const FleetServer& server, const Tool& tool) {
  Location loc;
  loc.logical = server.name + "/tools/" + tool.name;
  if (!server.config_entry.file.empty()) loc.physical = server.config_entry;
  else if (server.locator) loc.physical = server.locator->locate(tool.source_pointer);
  return loc;
}

Location server_location(const FleetServer& server) {
  Location loc;
  loc.logical = server.name;
  if (!server.config_entry.file.empty()) loc.physical = server.config_entry;
  else if (server.locator) loc.physical = server.locator->locate(server.inventory.server_pointer);
  return loc;
}

}  // namespace assay::fleet
