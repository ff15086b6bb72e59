// Helpers shared by the MCP client tests: fixture server launch specs, and checks that no
// process a fixture started outlives the client.
#pragma once
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "scanner/mcp/stdio_client.h"

namespace assay::mcp::test {

inline std::string fixture(const std::string& name) {
  return std::string(ASSAY_SOURCE_DIR) + "/tests/fixtures/mcp/" + name;
}

inline LaunchSpec python_fixture(const std::string& name, std::vector<std::string> args = {}) {
  LaunchSpec spec;
  spec.argv = {"python3", fixture(name)};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  return spec;
}

// Short limits so a failing case costs about a second, not the default fifteen.
inline ClientLimits quick_limits(int request_ms = 1500) {
  ClientLimits limits;
  limits.request_timeout = std::chrono::milliseconds(request_ms);
  limits.total_timeout = std::chrono::milliseconds(20000);
  return limits;
}

// A scratch file that fixtures write their pids into (FIXTURE_PID_FILE).
class PidFile {
 public:
  PidFile() {
    path_ = (std::filesystem::temp_directory_path() /
             ("mcp-assay-pids-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++)))
                .string();
    std::filesystem::remove(path_);
  }
  ~PidFile() { std::filesystem::remove(path_); }
  void attach(LaunchSpec& spec) const { spec.extra_env.emplace_back("FIXTURE_PID_FILE", path_); }
  std::vector<pid_t> pids() const {
    std::ifstream in(path_);
    std::vector<pid_t> out;
    for (pid_t p; in >> p;) out.push_back(p);
    return out;
  }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string path_;
};

// Dead means no such process, or a zombie waiting for init to reap it: either way it runs no
// code. Polls briefly because an orphan's SIGKILL is delivered asynchronously.
inline bool process_is_gone(pid_t pid) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  for (;;) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string content;
    if (!stat || !std::getline(stat, content)) return true;
    auto close_paren = content.rfind(')');
    if (close_paren != std::string::npos && close_paren + 2 < content.size()) {
      char state = content[close_paren + 2];
      if (state == 'Z' || state == 'X') return true;
    }
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace assay::mcp::test
