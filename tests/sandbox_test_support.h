// Runs a command in the sandbox for tests: collects bounded output, the events and how it ended.
#pragma once
#include <dirent.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "sandbox/sandbox.h"

namespace assay::testing {

struct SandboxRun {
  std::vector<sandbox::Event> events;
  std::string out, err;
  std::size_t out_total = 0;
  std::string exit;
  double seconds = 0;
  std::string pid_namespace;   // /proc/PID/ns/pid of the target while it ran
  sandbox::SandboxLevel level;
  std::vector<sandbox::Canary> canaries;
  std::string home;
};

inline std::string fixture(const std::string& name) { return std::string(ASSAY_SOURCE_DIR) + "/tests/fixtures/sandbox/" + name; }

inline std::string read_link(const std::string& path) {
  char buf[256];
  ssize_t n = ::readlink(path.c_str(), buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
}

// Whether any process on the host is still in the given pid namespace.
inline bool namespace_has_processes(const std::string& ns) {
  if (ns.empty()) return false;
  bool found = false;
  DIR* dir = ::opendir("/proc");
  while (dirent* d = dir ? ::readdir(dir) : nullptr)
    if (std::isdigit(static_cast<unsigned char>(d->d_name[0])) && read_link(std::string("/proc/") + d->d_name + "/ns/pid") == ns)
      found = true;
  if (dir) ::closedir(dir);
  return found;
}

// Runs until both output pipes close (the sandbox is gone) or `guard_seconds` pass; keeps at
// most `keep` bytes of stdout.
inline SandboxRun run_in_sandbox(sandbox::SandboxConfig config, double guard_seconds = 60, std::size_t keep = 1 << 20) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  SandboxRun run;
  {
    sandbox::Sandbox box(std::move(config));
    run.pid_namespace = read_link("/proc/" + std::to_string(box.pid()) + "/ns/pid");
    box.close_stdin();
    bool out_open = true, err_open = true;
    while ((out_open || err_open) && Clock::now() - start < std::chrono::duration<double>(guard_seconds)) {
      pollfd fds[2] = {{out_open ? box.stdout_fd() : -1, POLLIN, 0}, {err_open ? box.stderr_fd() : -1, POLLIN, 0}};
      ::poll(fds, 2, 200);
      char buf[65536];
      for (int i = 0; i < 2; ++i) {
        if (!fds[i].revents) continue;
        ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
        if (n > 0) {
          std::string& dest = i == 0 ? run.out : run.err;
          if (i == 0) run.out_total += static_cast<std::size_t>(n);
          if (dest.size() < keep) dest.append(buf, std::min<std::size_t>(static_cast<std::size_t>(n), keep - dest.size()));
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
          (i == 0 ? out_open : err_open) = false;
        }
      }
    }
    box.wait_for_exit(5);
    box.check_output(run.out, "stdout");
    run.exit = box.exit_description();
    run.level = box.level();
    run.canaries = box.canaries().all();
    run.home = box.home_path();
    box.kill_all();
    run.events = box.events();
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return run;
}

inline std::vector<sandbox::Event> events_of(const SandboxRun& run, sandbox::EventKind kind,
                                             const std::function<bool(const sandbox::Event&)>& also = nullptr) {
  std::vector<sandbox::Event> out;
  for (const auto& e : run.events)
    if (e.kind == kind && (!also || also(e))) out.push_back(e);
  return out;
}

// The fixtures' directory is the "server directory": visible wherever the checkout lives, even
// under a home directory the sandbox hides.
inline sandbox::SandboxConfig command(std::vector<std::string> argv) {
  sandbox::SandboxConfig c;
  c.argv = std::move(argv);
  c.server_dir = std::string(ASSAY_SOURCE_DIR) + "/tests/fixtures/sandbox";
  c.wall_clock_seconds = 20;
  return c;
}

}  // namespace assay::testing
