// How a configured server is shown to people and pipelines: JSON for `discover --json`, one
// line for the text listing. Credentials are redacted in both.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "scanner/discovery/configured_server.h"
#include "scanner/discovery/discover.h"

namespace assay::discovery {

nlohmann::json server_json(const ConfiguredServer& s);
nlohmann::json discovery_json(const Discovery& d);

// "npx -y @modelcontextprotocol/server-github" or the URL, with credentials redacted.
std::string shown_target(const ConfiguredServer& s);

// The table `mcp-assay discover` prints.
std::string discovery_text(const Discovery& d);

}  // namespace assay::discovery
