// A launched MCP server: its own session and process group, three pipes, and a guarantee that the
// whole group is SIGKILLed and the leader reaped on every exit path, exceptions included.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <string>

#include "scanner/mcp/stdio_client.h"
#include "scanner/mcp/unique_fd.h"

namespace assay::mcp {

class ServerProcess {
 public:
  // Throws AssayError(target) when the command is missing, not executable, or cannot start.
  explicit ServerProcess(const LaunchSpec& spec);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Our ends of the server's stdin, stdout and stderr (non-blocking, close-on-exec).
  UniqueFd& stdin_pipe() { return stdin_; }
  UniqueFd& stdout_pipe() { return stdout_; }
  UniqueFd& stderr_pipe() { return stderr_; }

  // Whether the leader has exited. It is left a zombie, so its pid, which is also the group id,
  // cannot be recycled before kill_and_reap() has signalled the rest of the group.
  bool has_exited();
  // "exited with code 1", "was killed by signal 9 (SIGKILL)"; empty while it runs.
  std::string exit_description() const;

  void signal_group(int sig);
  // SIGKILL to the whole group, then a bounded wait for the leader; idempotent.
  void kill_and_reap();

 private:
  void record_exit(int code, bool by_signal);

  pid_t pid_ = -1;
  bool exited_ = false;
  bool reaped_ = false;
  bool status_known_ = false;
  bool killed_by_signal_ = false;
  int exit_code_ = 0;  // exit status, or the signal number when killed_by_signal_
  UniqueFd stdin_, stdout_, stderr_;
};

}  // namespace assay::mcp
