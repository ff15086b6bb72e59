// Finds the server entries in one parsed config file, wherever its client keeps them.
#pragma once
#include <string>
#include <vector>

#include "scanner/discovery/config_tree.h"
#include "scanner/discovery/configured_server.h"

namespace assay::discovery {

struct ConfigServers {
  std::vector<ConfiguredServer> servers;
  std::vector<std::string> skipped;  // "file:line: name: why", for entries that are not servers
};

// Reads every place a client keeps servers: mcpServers (object or Continue's list), servers
// (VS Code mcp.json), mcp.servers (VS Code settings.json), context_servers (Zed), mcp_servers
// (Codex), extensions (Goose), experimental.modelContextProtocolServers (older Continue),
// projects.*.mcpServers (Claude Code), and a file that is itself one entry (Continue's
// mcpServers/ directory).
ConfigServers servers_in_config(const ConfigTree& tree, const std::string& client, const std::string& scope);

// True when the tree has any of those places: how a config given as a scan target is told
// apart from a tools/list dump.
bool looks_like_client_config(const nlohmann::json& root);

}  // namespace assay::discovery
