// A live MCP session with one server over stdio: launch, the handshake, requests and
// notifications with deadlines, and a shutdown that never leaves a process behind. Used for
// listing a server's inventory and, later, for calling its tools.
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/mcp/jsonrpc.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/model/inventory.h"

namespace assay::mcp {

// One thread at a time per session; separate sessions may run in parallel threads.
class StdioSession {
 public:
  // Launches the server (in its own process group); throws AssayError(target) when it cannot.
  StdioSession(const LaunchSpec& spec, const ClientLimits& limits);
  // SIGKILLs the whole process group and reaps the server, whatever state the session is in.
  ~StdioSession();
  StdioSession(const StdioSession&) = delete;
  StdioSession& operator=(const StdioSession&) = delete;

  // initialize (offering kLatestProtocolVersion, accepting whatever version the server
  // answers), then notifications/initialized. Throws AssayError(target) when initialize is
  // answered with a JSON-RPC error or a result that is not an object.
  ServerInfo initialize();

  // Sends a request and waits for the response carrying its id, at most `timeout` and never
  // past the session's total_timeout, answering ping (and refusing other server requests)
  // and skipping notifications meanwhile. A JSON-RPC error response is returned, not thrown.
  // Throws AssayError(target) when the server exits, stops answering, writes garbage or breaks a
  // limit. After a timeout the session stays usable (a late answer is skipped by its id); after
  // any other failure the server is killed and every later call throws the same error.
  RpcResponse request(const std::string& method, const nlohmann::json& params, std::chrono::milliseconds timeout);
  RpcResponse request(const std::string& method, const nlohmann::json& params);  // request_timeout
  void notify(const std::string& method, const nlohmann::json& params = nullptr);

  // Orderly end as the MCP stdio transport describes it: close the server's stdin, wait up to
  // `grace` for it to exit, then SIGTERM, then SIGKILL the group. Idempotent.
  void close(std::chrono::milliseconds grace = std::chrono::seconds(2));

  std::string stderr_tail() const;
  // Oddities that were tolerated (e.g. ill-formed UTF-8 replaced), worded for Inventory::warnings.
  const std::vector<std::string>& warnings() const;
  int pid() const;
  // What the sandbox recorded so far (all of it after close()); nullopt for a host launch.
  std::optional<SandboxOutcome> sandbox_outcome() const;
  // --- for the dynamic executor (scanner/dynamic) ---
  // The sandbox's event clock now (-1 on the host): brackets a call's events.
  double sandbox_clock() const;
  // True once the session failed for good (the server died, broke a limit); a request that
  // only timed out leaves it usable.
  bool failed() const;
  // Methods of the notifications the server sent since the last call (at most 64 kept).
  std::vector<std::string> take_notifications();
  // --- end dynamic executor ---

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace assay::mcp
