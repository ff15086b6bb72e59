// Launches a server inside the sandbox (sandbox/): the default for every server mcp-assay runs.
#include <fcntl.h>
#include <string.h>

#include <cerrno>

#include "sandbox/sandbox.h"
#include "scanner/mcp/command_path.h"
#include "scanner/mcp/process.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

UniqueFd duplicate(int fd, const char* what) {
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  if (copy < 0) throw target_error(std::string("cannot take the sandboxed server's ") + what + ": " + ::strerror(errno));
  return UniqueFd(copy);
}

class SandboxedProcess final : public ServerProcess {
 public:
  explicit SandboxedProcess(const LaunchSpec& spec) {
    sandbox::SandboxConfig config;
    // The command is resolved on the host, where the user's PATH is; the host file system is
    // visible read-only inside, so the same path works there.
    config.argv = spec.argv;
    config.argv[0] = resolve_command(spec);
    for (const auto& [key, value] : spec.extra_env) config.extra_env.push_back(key + "=" + value);
    const std::string dir = resolve_working_dir(spec);
    // The launch directory is where relative paths in the command point (node dist/index.js):
    // it is the server's directory, visible read-only, and where it starts.
    config.server_dir = dir;
    config.cwd = dir;
    if (spec.sandbox.wall_clock_seconds > 0) config.wall_clock_seconds = spec.sandbox.wall_clock_seconds;
    config.work_dir = spec.sandbox.work_dir;
    config.record = spec.sandbox.record;
    try {
      sandbox_ = std::make_unique<sandbox::Sandbox>(std::move(config));
    } catch (const sandbox::SandboxUnavailable& e) {
      throw target_error(std::string("cannot isolate the server here (") + e.what() +
                         "); pass --unsandboxed to run it on this machine without isolation");
    } catch (const std::exception& e) {
      throw target_error(std::string("cannot start the server in the sandbox: ") + e.what());
    }
    stdin_ = duplicate(sandbox_->stdin_fd(), "stdin");
    stdout_ = duplicate(sandbox_->stdout_fd(), "stdout");
    stderr_ = duplicate(sandbox_->stderr_fd(), "stderr");
    // Our copy is the only writer left, so closing it is the end of input the server sees.
    sandbox_->close_stdin();
  }

  ~SandboxedProcess() override { kill_and_reap(); }

  pid_t pid() const override { return sandbox_->pid(); }
  bool has_exited() override { return sandbox_->has_exited(); }
  std::string exit_description() const override { return sandbox_->exit_description(); }
  // The sandbox offers no gentler stop than killing everything inside; the client's close()
  // already gave the server its grace period after closing stdin.
  void terminate() override { sandbox_->kill_all(); }
  void kill_and_reap() override { sandbox_->kill_all(); }

  void check_output(std::string_view bytes, const std::string& stream) override {
    if (!bytes.empty()) sandbox_->check_output(bytes, stream);
  }

  double sandbox_clock() const override { return sandbox_->clock(); }

  std::optional<SandboxOutcome> sandbox_outcome() const override {
    SandboxOutcome out;
    out.level = sandbox::describe(sandbox_->level());
    out.events = sandbox_->events();
    out.dropped_events = sandbox_->dropped_events();
    out.home = sandbox_->home_path();
    // The first exec is the command we launched, not something the server started.
    for (auto& e : out.events) {
      if (e.kind != sandbox::EventKind::exec) continue;
      if (e.detail.empty()) e.detail = "launch";
      break;
    }
    return out;
  }

 private:
  std::unique_ptr<sandbox::Sandbox> sandbox_;
};

}  // namespace

std::unique_ptr<ServerProcess> launch_in_sandbox(const LaunchSpec& spec) {
  return std::make_unique<SandboxedProcess>(spec);
}

std::unique_ptr<ServerProcess> launch_server(const LaunchSpec& spec) {
  return spec.sandbox.enabled ? launch_in_sandbox(spec) : launch_on_host(spec);
}

}  // namespace assay::mcp
