// A launched MCP server, on the host or in the sandbox: three pipes, and a guarantee that every
// process it started is SIGKILLed and the leader reaped on every exit path, exceptions included.
#pragma once
#include <sys/types.h>

#include <memory>
#include <string>
#include <string_view>

#include "scanner/mcp/stdio_client.h"
#include "scanner/mcp/unique_fd.h"

namespace assay::mcp {

class ServerProcess {
 public:
  virtual ~ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  virtual pid_t pid() const = 0;
  // Our ends of the server's stdin, stdout and stderr (non-blocking, close-on-exec).
  UniqueFd& stdin_pipe() { return stdin_; }
  UniqueFd& stdout_pipe() { return stdout_; }
  UniqueFd& stderr_pipe() { return stderr_; }

  // Whether the server has exited.
  virtual bool has_exited() = 0;
  // "exited with code 1", "was killed by signal 9 (SIGKILL)"; empty while it runs.
  virtual std::string exit_description() const = 0;
  // Asks the server to stop (SIGTERM); kill_and_reap() follows if it does not.
  virtual void terminate() = 0;
  // SIGKILL to everything the server started, then a bounded wait; idempotent.
  virtual void kill_and_reap() = 0;
  // What the sandbox saw, for a sandboxed server; nullopt for one that ran on the host.
  virtual std::optional<SandboxOutcome> sandbox_outcome() const { return std::nullopt; }
  // The sandbox's event clock (Event::time) now; -1 for a server on the host.
  virtual double sandbox_clock() const { return -1; }
  // Bytes read from the server, searched for the sandbox's canaries (no-op on the host).
  virtual void check_output(std::string_view /*bytes*/, const std::string& /*stream*/) {}

 protected:
  ServerProcess() = default;
  UniqueFd stdin_, stdout_, stderr_;
};

// Launches on the host (spec.sandbox.enabled false) or in the sandbox. Throws
// AssayError(target) when the command is missing, not executable, or cannot start.
std::unique_ptr<ServerProcess> launch_server(const LaunchSpec& spec);

// The host launcher: its own session and process group, which is what gets killed.
std::unique_ptr<ServerProcess> launch_on_host(const LaunchSpec& spec);
std::unique_ptr<ServerProcess> launch_in_sandbox(const LaunchSpec& spec);

}  // namespace assay::mcp
