// MCP client over stdio: launch a server, handshake, list what it declares, shut it down.
// The server is hostile: every read is bounded, every wait has a deadline, and the process
// group is killed on every exit path.
#pragma once
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "scanner/model/inventory.h"

namespace assay::mcp {

// Latest protocol version we offer; older versions the server answers with are accepted.
inline constexpr const char* kLatestProtocolVersion = "2025-11-25";

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] resolved through PATH
  std::string working_dir;        // empty = current directory
  std::vector<std::pair<std::string, std::string>> extra_env;
};

struct ClientLimits {
  std::chrono::milliseconds request_timeout{15000};  // per request, including initialize
  std::chrono::milliseconds total_timeout{120000};   // whole session
  size_t max_message_bytes = 16u << 20;              // one JSON-RPC line
  size_t max_total_bytes = 128u << 20;               // everything read from stdout
  size_t max_stderr_bytes = 64u << 10;               // stderr kept (the tail beyond is dropped)
  int max_pages = 200;                               // nextCursor pages per list method
  size_t max_items = 20000;                          // entries per list method
  int max_json_depth = 128;                          // deeper messages are rejected
};

struct LiveResult {
  Inventory inventory;     // origin live_unsandboxed; source pointers not yet set
  std::string stderr_tail; // bounded capture of the server's stderr
};

// Throws AssayError(ErrorKind::target) with a one-line reason when the server cannot be
// launched, exits early, never answers, answers garbage or exceeds a limit.
LiveResult fetch_inventory_stdio(const LaunchSpec& spec, const ClientLimits& limits = {});

}  // namespace assay::mcp
