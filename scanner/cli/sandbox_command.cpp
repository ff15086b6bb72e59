// Runs a command under the sandbox, relays stdin, captures bounded output, prints the events.
#include "scanner/cli/sandbox_command.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "sandbox/sandbox.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/model/error.h"

namespace assay::cli {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kKeptOutputBytes = 1 << 20;  // searched for canaries; the rest is counted
constexpr std::size_t kShownOutputBytes = 2048;   // shown in the summary
constexpr std::size_t kMaxPendingStdin = 1 << 20;

struct Stream {
  int fd;
  std::string kept;
  std::size_t total = 0;
  bool open = true;
};

bool drain(Stream& s) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(s.fd, buf, sizeof buf);
    if (n > 0) {
      s.total += static_cast<std::size_t>(n);
      if (s.kept.size() < kKeptOutputBytes)
        s.kept.append(buf, std::min<std::size_t>(static_cast<std::size_t>(n), kKeptOutputBytes - s.kept.size()));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
    s.open = false;
    return false;
  }
}

// Relays our stdin to the command and collects its output until both output pipes are closed:
// they close when the sandbox is gone, which the wall clock guarantees. The extra grace only
// covers a supervisor bug, never a hostile command.
void pump(sandbox::Sandbox& box, Stream& out, Stream& err, double timeout_seconds) {
  const auto give_up = Clock::now() + std::chrono::duration<double>(timeout_seconds + 10);
  bool stdin_open = true;
  std::string pending;
  while (out.open || err.open) {
    if (Clock::now() > give_up) {
      box.kill_all();
      break;
    }
    pollfd fds[4] = {{out.open ? out.fd : -1, POLLIN, 0},
                     {err.open ? err.fd : -1, POLLIN, 0},
                     {stdin_open && pending.size() < kMaxPendingStdin ? STDIN_FILENO : -1, POLLIN, 0},
                     {!pending.empty() && box.stdin_fd() >= 0 ? box.stdin_fd() : -1, POLLOUT, 0}};
    if (::poll(fds, 4, 200) < 0 && errno != EINTR) break;
    if (fds[0].revents) drain(out);
    if (fds[1].revents) drain(err);
    if (fds[2].revents) {
      char buf[65536];
      ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
      if (n > 0) pending.append(buf, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EINTR) stdin_open = false;
    }
    if (fds[3].revents & POLLOUT) {
      ssize_t n = ::write(box.stdin_fd(), pending.data(), pending.size());
      if (n > 0) pending.erase(0, static_cast<std::size_t>(n));
      else if (n < 0 && errno != EAGAIN && errno != EINTR) pending.clear(), stdin_open = false;
    } else if (fds[3].revents & (POLLERR | POLLHUP)) {
      pending.clear();
      stdin_open = false;
    }
    if (!stdin_open && pending.empty() && box.stdin_fd() >= 0) box.close_stdin();
  }
}

std::string shown(const Stream& s) {
  std::string text = s.kept.substr(0, kShownOutputBytes);
  if (s.total > text.size()) text += "... (" + std::to_string(s.total) + " bytes in all)";
  return text;
}

}  // namespace

int run_sandbox_command(const SandboxCommand& cmd) {
  if (cmd.command.empty()) throw usage_error("sandbox needs a command after `--`");
  sandbox::SandboxConfig config;
  config.argv = cmd.command;
  // Relative paths in the command point at the current directory: it is visible, read-only,
  // and where the command starts.
  std::error_code ec;
  std::string here = std::filesystem::current_path(ec).string();
  if (!ec) {
    config.server_dir = here;
    config.cwd = here;
  }
  config.wall_clock_seconds = cmd.timeout_seconds;
  std::unique_ptr<sandbox::Sandbox> box;
  try {
    box = std::make_unique<sandbox::Sandbox>(config);
  } catch (const sandbox::SandboxUnavailable& e) {
    throw target_error(std::string(e.what()) + "; `mcp-assay sandbox` has no unsandboxed mode (scan and inventory "
                       "take --unsandboxed to run servers without isolation)");
  } catch (const std::exception& e) {
    throw target_error(std::string("cannot run the command in the sandbox: ") + e.what());
  }
  Stream out{box->stdout_fd(), {}, 0, true}, err{box->stderr_fd(), {}, 0, true};
  pump(*box, out, err, cmd.timeout_seconds);
  box->wait_for_exit(5);
  box->kill_all();
  box->check_output(out.kept, "stdout");
  box->check_output(err.kept, "stderr");

  auto events = box->events();
  nlohmann::json summary = {{"level", sandbox::describe(box->level())},
                            {"exit", box->exit_description()},
                            {"events", events.size()},
                            {"dropped_events", box->dropped_events()},
                            {"stdout_bytes", out.total},
                            {"stderr_bytes", err.total},
                            {"stdout", shown(out)},
                            {"stderr", shown(err)}};
  if (cmd.json) {
    for (const auto& e : events) std::cout << nlohmann::json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    std::cout << nlohmann::json{{"summary", summary}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& e : events) std::cout << sandbox::to_text(e) << "\n";
    std::cout << "sandbox " << summary["level"].get<std::string>() << "; the command " << box->exit_description()
              << "; " << events.size() << " events";
    if (box->dropped_events()) std::cout << " (" << box->dropped_events() << " dropped)";
    std::cout << "; stdout " << out.total << " bytes, stderr " << err.total << " bytes\n";
  }
  std::cout.flush();
  return kExitClean;
}

}  // namespace assay::cli
