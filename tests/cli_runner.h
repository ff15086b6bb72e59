// Runs the built mcp-assay binary for end-to-end tests and captures what it printed.
#pragma once
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace assay::testing {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh directory per test run under the system temp dir; kept when a test fails for a look.
inline std::filesystem::path test_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("mcp-assay-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs from the repository root, so paths in reports are the relative ones users see in CI.
// `timeout` guards the test suite itself: a hung scanner fails the test instead of CI.
inline CliRun run_cli(const std::vector<std::string>& args, int timeout_seconds = 120) {
  static int counter = 0;
  auto dir = test_dir("cli-run-" + std::to_string(++counter));
  std::string cmd = "cd " + shell_quote(ASSAY_SOURCE_DIR) + " && timeout -s KILL " + std::to_string(timeout_seconds) +
                    " " + shell_quote(ASSAY_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " </dev/null >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

inline std::string source_path(const std::string& relative) { return std::string(ASSAY_SOURCE_DIR) + "/" + relative; }

}  // namespace assay::testing
