// One MCP server as an AI client's config declares it: how the client would start or reach it,
// and where in which file it is declared.
#pragma once
#include <string>
#include <vector>

#include "scanner/model/finding.h"

namespace assay::discovery {

enum class Transport { stdio, streamable_http, sse };

// A key and value from the config (an env variable, a header) with the value's position.
struct ConfigValue {
  std::string key;
  std::string value;
  std::string pointer;  // RFC 6901 pointer of the value in the config tree
  PhysicalLocation at;
};

struct ConfiguredServer {
  std::string name;          // the key (or "name") the client knows it by
  std::string client;        // claude-desktop, cursor, vscode, ...
  std::string scope;         // "user", "project", or "project:/path" (Claude Code's per-project entries)
  PhysicalLocation entry;    // the config file and the line of the server's entry
  std::string pointer;       // RFC 6901 pointer of the entry
  bool disabled = false;     // the client has it switched off; still listed and still checked
  Transport transport = Transport::stdio;

  // stdio
  std::string command;
  std::vector<ConfigValue> args;  // key empty
  std::vector<ConfigValue> env;
  std::string cwd;

  // streamable_http and sse
  ConfigValue url;                // key empty
  std::vector<ConfigValue> headers;
};

const char* to_string(Transport t);

}  // namespace assay::discovery
