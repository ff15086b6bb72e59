// Run one command isolated: new namespaces, a read-only host, a decoy home full of honeytokens,
// a fake network that records, resource limits, and a log of what the command did.
//
// Threading: construct, use and destroy a Sandbox on one thread that outlives it. The sandbox's
// init dies with the thread that created it (PR_SET_PDEATHSIG), which is what keeps a crashed
// supervisor from leaving a sandbox behind.
#pragma once
#include <sys/types.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sandbox/decoy/canary_set.h"
#include "sandbox/event.h"
#include "sandbox/level.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

class Sinkhole;
class SyscallRecorder;

struct SandboxConfig {
  std::vector<std::string> argv;
  std::vector<std::string> extra_env;   // KEY=VALUE passed on top of the scrubbed environment
  std::string server_dir;               // host directory visible at its own path; empty = none
  bool server_dir_writable = false;
  std::string work_dir;                 // host dir mounted writable; empty = a fresh tmpfs (/workdir)
  std::string cwd;                      // where the command starts; empty = the work dir
  double wall_clock_seconds = 60;
  double cpu_seconds = 60;
  long long memory_bytes = 4LL << 30;   // writable memory per process (RLIMIT_DATA)
  int max_processes = 256;
  long long max_file_bytes = 64LL << 20;
  int max_open_files = 512;
  bool record = true;                   // seccomp recording on
  std::string init_path;                // empty = find_init_helper()
};

// Thrown when this host cannot isolate a process at all (level none): the caller decides whether
// to run without a sandbox.
class SandboxUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The init helper: $MCP_ASSAY_SANDBOX_INIT, else mcp-assay-sandbox-init next to the running
// executable, else the path it was built at. Empty when none is executable.
std::string find_init_helper();

class Sandbox {
 public:
  // Launches at once. Throws SandboxUnavailable (level none) or std::runtime_error with one line
  // (init helper missing, command not found in the sandbox, set-up failed).
  explicit Sandbox(SandboxConfig config);
  ~Sandbox();  // kill_all(), then every thread joined
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Our ends of the target's stdin, stdout and stderr: non-blocking, close-on-exec.
  int stdin_fd() const { return stdin_.get(); }
  int stdout_fd() const { return stdout_.get(); }
  int stderr_fd() const { return stderr_.get(); }
  void close_stdin() { stdin_.reset(); }

  pid_t pid() const;                 // the target as the supervisor sees it
  bool has_exited() const;           // the target (or the whole sandbox) is gone
  // Waits up to `seconds` for has_exited(); returns it.
  bool wait_for_exit(double seconds) const;
  // "exited with code 1", "was killed by signal 9 (SIGKILL)", "was killed at the wall-clock
  // limit"; empty while it runs.
  std::string exit_description() const;
  // SIGKILL to init, so the kernel kills everything in the pid namespace; waits (bounded) until
  // it is gone. Idempotent.
  void kill_all();

  const CanarySet& canaries() const { return canaries_; }
  std::vector<Event> events() const { return log_.snapshot(); }
  std::size_t dropped_events() const { return log_.dropped(); }
  // Records a canary_seen event for each canary found in bytes the caller read from the target
  // (its stdout or stderr): `stream` names where.
  void check_output(std::string_view bytes, const std::string& stream);
  SandboxLevel level() const;
  std::string home_path() const;     // HOME as the target sees it
  std::string work_dir() const;      // the writable work dir as the target sees it
  // Seconds on the clock Event::time uses, so a caller can tell which events fell in a window.
  double clock() const { return log_.elapsed(); }

 private:
  void launch();
  void check_visible_dirs() const;
  void control_loop() noexcept;
  void handle_message(struct ControlMessage& m);
  void open_listener_for(const std::string& address, int port, const std::string& protocol);
  void on_init_gone();
  bool reap_init();
  void wake_control_thread();

  SandboxConfig config_;
  CanarySet canaries_;
  EventLog log_;
  SandboxLevel level_;
  std::string home_;
  std::string work_dir_inside_;

  UniqueFd stdin_, stdout_, stderr_;
  UniqueFd control_;
  UniqueFd init_pidfd_;
  UniqueFd wake_;           // eventfd: ends the control thread
  pid_t init_pid_ = -1;

  std::unique_ptr<Sinkhole> sinkhole_;
  std::unique_ptr<SyscallRecorder> recorder_;
  std::thread control_thread_;

  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::mutex send_mutex_;
  bool started_ = false;               // the target announced itself
  bool exited_ = false;
  bool init_reaped_ = false;
  bool killed_ = false;
  bool wall_clock_hit_ = false;
  std::string failure_;                // fatal set-up failure reported by init
  int exit_status_ = -1, exit_signal_ = 0;
  pid_t target_pid_ = -1;
  std::map<std::pair<int, int>, int> listeners_;  // (port, family) -> 1 open, -1 failed
};

}  // namespace assay::sandbox
