// Where each AI client keeps its MCP server configuration, per platform, as paths relative to
// the home directory or to a project directory. Adding a client is adding rows here.
#pragma once
#include <string>
#include <vector>

#include "scanner/discovery/server_entry.h"

namespace assay::discovery {

struct ConfigLocation {
  std::string client;        // claude-desktop, claude-code, cursor, vscode, ...
  std::string relative;      // path under the home or project directory
  bool in_project = false;   // relative to the project directory rather than the home directory
  bool is_directory = false; // every *.json / *.yaml / *.yml directly inside (Continue's mcpServers/)
  BareUrl bare_url = BareUrl::streamable_http;
};

const std::vector<ConfigLocation>& client_config_locations();

// The client whose location `path` matches by its ending (e.g. ".cursor/mcp.json"), or
// "unknown" for a file that matches no client's location.
std::string client_for_path(const std::string& path);
BareUrl bare_url_for_client(const std::string& client);

}  // namespace assay::discovery
