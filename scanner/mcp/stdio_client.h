// MCP client over stdio: launch a server, handshake, list what it declares, shut it down.
// The server is hostile: every read is bounded, every wait has a deadline, and the process
// group is killed on every exit path.
#pragma once
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sandbox/event.h"
#include "scanner/model/error.h"
#include "scanner/model/inventory.h"

namespace assay::mcp {

// Latest protocol version we offer; older versions the server answers with are accepted.
inline constexpr const char* kLatestProtocolVersion = "2025-11-25";

// How a server is isolated when launched. Off only when the user said --unsandboxed.
struct SandboxSpec {
  bool enabled = false;
  // The sandbox's own deadline for the whole run; 0 = the session's total timeout plus a margin,
  // so the client gives up first and says why, and the sandbox is the backstop.
  double wall_clock_seconds = 0;
  // A host directory mounted writable at its own path as the server's work dir (the fuzzer
  // plants files there); empty = a fresh tmpfs at /workdir.
  std::string work_dir;
  bool record = true;  // the syscall recorder on (off only to measure its cost: bench/dynamic_scan)
};

struct LaunchSpec {
  std::vector<std::string> argv;  // argv[0] resolved through PATH
  std::string working_dir;        // empty = current directory
  std::vector<std::pair<std::string, std::string>> extra_env;
  SandboxSpec sandbox;
};

// What the sandbox saw a server do, and how isolated it was.
struct SandboxOutcome {
  std::string level;                   // "full", "partial: ...", as sandbox::describe says
  std::vector<sandbox::Event> events;  // in order; the launched command's exec is marked detail "launch"
  std::size_t dropped_events = 0;      // beyond the log's bound
  std::string home;                    // the decoy HOME the server saw
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
  Inventory inventory;     // origin live_sandboxed or live_unsandboxed; source pointers not yet set
  std::string stderr_tail; // bounded capture of the server's stderr
  std::optional<SandboxOutcome> sandbox;  // set for a sandboxed launch
};

// Once the server was launched, a failure carries what the sandbox recorded up to then: a
// server that beacons out and then crashes must not hide its behaviour by crashing.
class LiveScanFailed : public AssayError {
 public:
  LiveScanFailed(const AssayError& cause, std::optional<SandboxOutcome> outcome)
      : AssayError(cause.kind(), cause.what()), sandbox(std::move(outcome)) {}
  std::optional<SandboxOutcome> sandbox;
};

class StdioSession;
// Runs after the listing while the session is still open (the dynamic scan calls tools here);
// the session is closed after it returns, so the result's events cover what it did too.
using LiveHook = std::function<void(StdioSession& session, const Inventory& listed)>;

// Throws AssayError(ErrorKind::target) with a one-line reason when the server cannot be
// launched, and LiveScanFailed (an AssayError(target)) when it exits early, never answers,
// answers garbage or exceeds a limit.
LiveResult fetch_inventory_stdio(const LaunchSpec& spec, const ClientLimits& limits = {},
                                 const LiveHook& while_open = {});

}  // namespace assay::mcp
