// Overhead of the sandbox and its syscall recorder, as ratios of medians measured in one run:
//  (b) a program opening 10,000 small files: bare, recorded (the seccomp filter + recorder, no
//      namespaces), isolated (namespaces, no recording), sandboxed (both), and strace -f;
//  (a) a Node MCP server (server-everything) answering 1000 tools/call echo requests, bare vs
//      sandboxed with recording.
// The file-opening program is this binary re-executed with --open-files, so no shell or fixture
// stands between the measurement and the syscalls.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "sandbox/recorder/recorded_child.h"
#include "sandbox/recorder/syscall_recorder.h"
#include "sandbox/sandbox.h"
#include "scanner/mcp/stdio_session.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
namespace sb = assay::sandbox;

constexpr int kDistinctFiles = 100;

// Child mode: open (and read a little of) `count` files cycling over the fixture directory.
int open_files(const char* dir, long count) {
  char path[4096];
  char buffer[64];
  for (long i = 0; i < count; ++i) {
    std::snprintf(path, sizeof path, "%s/f%ld", dir, i % kDistinctFiles);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 1;
    if (::read(fd, buffer, sizeof buffer) < 0) return 1;
    ::close(fd);
  }
  return 0;
}

std::string self_path() {
  char path[4096];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) throw std::runtime_error("cannot read /proc/self/exe");
  return std::string(path, static_cast<std::size_t>(n));
}

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// CPU seconds (user + system) of this process and its reaped descendants: less sensitive than
// wall time to a machine busy with other work, and it counts the recorder's thread too.
double cpu_seconds() {
  auto total = [](int who) {
    rusage u{};
    ::getrusage(who, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  return total(RUSAGE_SELF) + total(RUSAGE_CHILDREN);
}

int wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

// --- (b) the file-opening program ---------------------------------------------------------

struct FileBench {
  std::string self, dir;
  long count;
  std::vector<std::string> argv() const { return {self, "--open-files", dir, std::to_string(count)}; }
};

double run_bare(const FileBench& b) {
  const auto args = b.argv();
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const int status = wait_child(pid);
  const double t = seconds_since(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("bare run failed");
  return t;
}

double run_recorded(const FileBench& b, const sb::RecordingFilter& filter, std::size_t& events) {
  sb::EventLog log(1000000);
  const auto start = Clock::now();
  sb::RecordedChild child = sb::spawn_recorded(b.argv(), {}, filter);
  sb::SyscallRecorder recorder(child.notify_fd.release(), log, {});
  recorder.start();
  const int status = wait_child(child.pid);
  recorder.stop();
  const double t = seconds_since(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("recorded run failed");
  events = log.snapshot().size();
  return t;
}

double run_strace(const FileBench& b) {
  std::vector<std::string> args = {"/usr/bin/strace", "-f", "-o", "/dev/null"};
  for (const auto& a : b.argv()) args.push_back(a);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const auto start = Clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const int status = wait_child(pid);
  const double t = seconds_since(start);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("strace run failed");
  return t;
}

double run_sandboxed(const FileBench& b, bool record, std::size_t& events) {
  sb::SandboxConfig config;
  config.argv = b.argv();
  config.server_dir = b.dir;
  config.record = record;
  config.wall_clock_seconds = 120;
  const auto start = Clock::now();
  sb::Sandbox sandbox(config);
  if (!sandbox.wait_for_exit(120)) throw std::runtime_error("sandboxed run timed out");
  const double t = seconds_since(start);
  const std::string how = sandbox.exit_description();
  if (how != "exited with code 0") throw std::runtime_error("sandboxed run " + how);
  events = sandbox.events().size();
  return t;
}

void bench_files(long count, int runs) {
  FileBench b{self_path(), "", count};
  char pattern[] = "/var/tmp/assay-bench-files-XXXXXX";  // not /tmp: the sandbox mounts a fresh one
  if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
  b.dir = pattern;
  ::chmod(pattern, 0755);  // the sandbox maps root to an unprivileged uid: it needs "other" access
  for (int i = 0; i < kDistinctFiles; ++i)
    std::ofstream(b.dir + "/f" + std::to_string(i)) << std::string(100, 'x');

  const sb::RecordingFilter filter =
      sb::prepare_recording_filter(sb::recorded_child_handoff_fd());
  const bool have_strace = ::access("/usr/bin/strace", X_OK) == 0;
  bool have_sandbox = true;
  std::string sandbox_why;
  std::map<std::string, std::vector<double>> times, cpu;
  std::size_t recorded_events = 0, sandbox_events = 0;
  auto measure = [&](const char* name, const std::function<double()>& run) {
    const double cpu_before = cpu_seconds();
    times[name].push_back(run());
    cpu[name].push_back(cpu_seconds() - cpu_before);
  };
  run_bare(b);  // warm the page cache and the dynamic loader's
  for (int r = 0; r < runs; ++r) {
    // Interleaved, so drift on a noisy machine hits every variant alike.
    measure("bare", [&] { return run_bare(b); });
    measure("recorded", [&] { return run_recorded(b, filter, recorded_events); });
    if (have_sandbox) {
      try {
        measure("isolated", [&] { return run_sandboxed(b, false, sandbox_events); });
        measure("sandboxed", [&] { return run_sandboxed(b, true, sandbox_events); });
      } catch (const std::exception& e) {
        have_sandbox = false;
        sandbox_why = e.what();
        times.erase("isolated");
        times.erase("sandboxed");
      }
    }
    if (have_strace) measure("strace", [&] { return run_strace(b); });
  }
  fs::remove_all(b.dir);

  const double bare = median(times["bare"]), bare_cpu = median(cpu["bare"]);
  std::printf("(b) %ld opens of %d small files, median of %d runs, whole process lifetime\n",
              count, kDistinctFiles, runs);
  std::printf("  %-10s %10s %9s %10s %9s\n", "", "wall", "", "cpu", "");
  for (const char* name : {"bare", "recorded", "isolated", "sandboxed", "strace"}) {
    if (times[name].empty()) continue;
    const double m = median(times[name]), c = median(cpu[name]);
    std::printf("  %-10s %7.1f ms %5.2fx bare %7.1f ms %5.2fx bare\n", name, m * 1000, m / bare,
                c * 1000, c / bare_cpu);
  }
  std::printf("  events recorded per run: %zu (recorder alone), %zu (sandboxed)\n", recorded_events,
              sandbox_events);
  if (!times["strace"].empty()) {
    std::printf("  strace / recorded: %.1fx\n", median(times["strace"]) / median(times["recorded"]));
    if (!times["sandboxed"].empty())
      std::printf("  strace / sandboxed: %.1fx\n", median(times["strace"]) / median(times["sandboxed"]));
  }
  if (!have_sandbox) std::printf("  sandbox unavailable: %s\n", sandbox_why.c_str());
}

// --- (a) a Node MCP server answering tool calls ---------------------------------------------

double run_mcp(const std::string& server, int calls, bool sandboxed, std::size_t& events) {
  assay::mcp::LaunchSpec spec;
  spec.argv = {"node", server, "stdio"};
  spec.sandbox.enabled = sandboxed;
  assay::mcp::ClientLimits limits;
  limits.total_timeout = std::chrono::minutes(10);
  const auto start = Clock::now();
  assay::mcp::StdioSession session(spec, limits);
  session.initialize();
  for (int i = 0; i < calls; ++i) {
    auto response = session.request(
        "tools/call", {{"name", "echo"}, {"arguments", {{"message", "call " + std::to_string(i)}}}});
    if (!response.ok()) throw std::runtime_error("tools/call failed: " + response.error->message);
  }
  session.close();
  const double t = seconds_since(start);
  if (auto outcome = session.sandbox_outcome()) events = outcome->events.size();
  return t;
}

void bench_mcp(const std::string& source_dir, int calls, int runs) {
  const std::string server =
      source_dir + "/testdata/node_modules/@modelcontextprotocol/server-everything/dist/index.js";
  if (::access(server.c_str(), R_OK) != 0) {
    std::printf("(a) skipped: %s not found (run .ci/setup)\n", server.c_str());
    return;
  }
  std::vector<double> bare, sandboxed, bare_cpu, sandboxed_cpu;
  std::size_t events = 0, ignored = 0;
  run_mcp(server, 10, false, ignored);  // warm node's compile cache and the page cache
  for (int r = 0; r < runs; ++r) {
    double before = cpu_seconds();
    bare.push_back(run_mcp(server, calls, false, ignored));
    bare_cpu.push_back(cpu_seconds() - before);
    before = cpu_seconds();
    sandboxed.push_back(run_mcp(server, calls, true, events));
    sandboxed_cpu.push_back(cpu_seconds() - before);
  }
  std::printf("(a) server-everything, launch + initialize + %d tools/call echo + close, median of %d runs\n",
              calls, runs);
  std::printf("  bare       %7.1f ms wall            %7.1f ms cpu\n", median(bare) * 1000,
              median(bare_cpu) * 1000);
  std::printf("  sandboxed  %7.1f ms wall %5.2fx bare %7.1f ms cpu %5.2fx bare  (%zu events recorded)\n",
              median(sandboxed) * 1000, median(sandboxed) / median(bare), median(sandboxed_cpu) * 1000,
              median(sandboxed_cpu) / median(bare_cpu), events);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--open-files") == 0) return open_files(argv[2], std::atol(argv[3]));
  long files = 10000;
  int calls = 1000, runs = 7;
  bool do_files = true, do_mcp = true;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--files-only") do_mcp = false;
    else if (arg == "--mcp-only") do_files = false;
    else if (arg == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (arg == "--opens" && i + 1 < argc) files = std::atol(argv[++i]);
    else if (arg == "--calls" && i + 1 < argc) calls = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: %s [--files-only|--mcp-only] [--runs N] [--opens N] [--calls N]\n", argv[0]);
      return 2;
    }
  }
  try {
    if (do_files) bench_files(files, runs);
    if (do_mcp) bench_mcp(ASSAY_SOURCE_DIR, calls, runs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sandbox_overhead: %s\n", e.what());
    return 1;
  }
  return 0;
}
