// Discovery: every MCP server the AI clients on this machine (or in one project) are
// configured to run. Reads files only; never starts or contacts a server.
#pragma once
#include <string>
#include <vector>

#include "scanner/discovery/configured_server.h"

namespace assay::discovery {

struct ConfigFileRead {
  std::string file;
  std::string client;
  int servers = 0;
  std::string error;  // non-empty when the file could not be read or parsed; discovery goes on
};

struct Discovery {
  std::vector<ConfiguredServer> servers;
  std::vector<ConfigFileRead> files;   // every config file found, read or not
  std::vector<std::string> skipped;    // entries that are not servers, with file:line and why
};

// Looks at every client location under `home` (empty = skip) and `project_dir` (empty = skip).
// A malformed file is recorded in `files` with its error and does not stop discovery.
Discovery discover_servers(const std::string& home, const std::string& project_dir);

// One config file named by the user (`mcp-assay scan CONFIG`): its client is told by its path,
// else "unknown". Throws AssayError(input) when it cannot be read or parsed.
Discovery read_config_file(const std::string& path);

// Whether `path` is a client config rather than a tools/list dump or inventory: TOML and YAML
// files, and JSON whose top level has a client's server container. Cheap: parses the file once.
bool is_client_config_file(const std::string& path);

// $HOME, or the password database's entry when HOME is unset.
std::string user_home();

}  // namespace assay::discovery
