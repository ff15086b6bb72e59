// One server of the scanned set, as the cross-server analyses see it.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "scanner/model/finding.h"
#include "scanner/model/inventory.h"
#include "scanner/targets/json_locator.h"

namespace assay::fleet {

struct FleetServer {
  std::string name;                  // the name the client (or the dump) knows it by
  std::vector<std::string> aliases;  // other names it goes by (its serverInfo name)
  Inventory inventory;
  std::shared_ptr<targets::JsonLocator> locator;  // the inventory file's positions; may be null
  PhysicalLocation config_entry;     // the client config entry that declares it (file empty: none)
};

// Where a finding about `tool` of `server` points: the config entry when the server came from a
// client config, else the tool in the inventory file; logically SERVER/tools/NAME, as every
// other finding about a tool.
Location tool_location(const FleetServer& server, const Tool& tool);
Location server_location(const FleetServer& server);

}  // namespace assay::fleet
