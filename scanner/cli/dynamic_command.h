// The CLI side of dynamic analysis: scan's fuzzing flags and `mcp-assay profile`.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "scanner/cli/commands.h"
#include "scanner/scan/scan_runner.h"

namespace assay::cli {

// Fuzzing is on for a live server launched in the sandbox unless --no-fuzz; --fuzz with
// --unsandboxed is refused (payloads would run on this machine), as is --profile-out without a
// sandboxed `-- COMMAND`.
void apply_dynamic_options(const ScanCommand& cmd, scan::ScanRequest& request, dynamic::DynamicReport& report);
// One line on stderr about the fuzzing (unless --quiet); writes --profile-out.
void report_dynamic(const ScanCommand& cmd, const dynamic::DynamicReport& report);

struct ProfileCommand {
  std::vector<std::string> command;  // after `--`
  std::string output;                // -o FILE; empty = standard output
  int fuzz_calls = 40;
  double fuzz_time = 20;
  std::uint64_t seed = 1;
  double timeout_seconds = 15;
  std::vector<std::string> rule_dirs;  // --rules: added to the bundled rules
};
// Fuzzes the server in the sandbox and writes its least-privilege profile (JSON).
int run_profile_command(const ProfileCommand& cmd);

}  // namespace assay::cli
