// scan's fuzzing options, the fuzzing summary line, and the profile command.
#include "scanner/cli/dynamic_command.h"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "scanner/cli/exit_codes.h"
#include "scanner/gate/rule_dirs.h"
#include "scanner/model/error.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

dynamic::DynamicOptions options_from(int calls, double seconds, std::uint64_t seed, double timeout_seconds) {
  dynamic::DynamicOptions o;
  o.calls_per_tool = calls;
  o.seconds = seconds;
  o.seed = seed;
  // A call gets the request timeout, but never more than the default call deadline: one slow
  // tool must not eat the scan's budget.
  auto timeout = std::chrono::milliseconds(static_cast<long>(timeout_seconds * 1000));
  o.call_timeout = std::min(timeout, o.call_timeout);
  return o;
}

void write_profile(const std::string& path, const nlohmann::json& profile) {
  std::string text = profile.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    return;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw input_error(path + ": cannot write the profile");
}

std::string summary(const dynamic::DynamicReport& r) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", r.seconds);
  std::string s = "fuzzed " + std::to_string(r.tools) + " tool" + (r.tools == 1 ? "" : "s") + ": " +
                  std::to_string(r.calls) + " of " + std::to_string(r.planned_calls) + " planned calls in " + seconds +
                  " s";
  if (r.server_starts > 1) s += ", server restarted " + std::to_string(r.server_starts - 1) + " time(s)";
  for (const auto& n : r.notes) s += "; " + n;
  return s;
}

}  // namespace

void apply_dynamic_options(const ScanCommand& cmd, scan::ScanRequest& request, dynamic::DynamicReport& report) {
  if (cmd.fuzz && cmd.no_fuzz) throw usage_error("--fuzz and --no-fuzz contradict each other");
  if (cmd.fuzz && cmd.unsandboxed)
    throw usage_error("--fuzz refuses --unsandboxed: the payloads would run on this machine; fuzz only in the sandbox");
  if (cmd.fuzz && cmd.command.empty()) throw usage_error("--fuzz needs a server to launch: `-- COMMAND ARGS...`");
  if (!cmd.profile_out.empty() && (cmd.command.empty() || cmd.unsandboxed || cmd.no_fuzz))
    throw usage_error("--profile-out needs a server fuzzed in the sandbox: `-- COMMAND ARGS...` without --unsandboxed or --no-fuzz");
  if (cmd.command.empty() || cmd.unsandboxed || cmd.no_fuzz) return;
  request.fuzz = options_from(cmd.fuzz_calls, cmd.fuzz_time, cmd.seed, cmd.timeout_seconds);
  request.dynamic_report = &report;
}

void report_dynamic(const ScanCommand& cmd, const dynamic::DynamicReport& report) {
  if (!report.ran) return;
  if (!cmd.quiet) std::cerr << "mcp-assay: " << summary(report) << "\n";
  if (!cmd.profile_out.empty()) write_profile(cmd.profile_out, report.profile);
}

int run_profile_command(const ProfileCommand& cmd) {
  if (cmd.command.empty()) throw usage_error("profile needs a server to launch: mcp-assay profile -- COMMAND ARGS...");
  scan::RuleSet rules = gate::load_rules(default_rules_dir(), cmd.rule_dirs);
  scan::ScanRequest request;
  request.command = cmd.command;
  request.limits.request_timeout = std::chrono::milliseconds(static_cast<long>(cmd.timeout_seconds * 1000));
  dynamic::DynamicReport report;
  request.fuzz = options_from(cmd.fuzz_calls, cmd.fuzz_time, cmd.seed, cmd.timeout_seconds);
  request.dynamic_report = &report;
  // The inventory and events files a scan writes are not wanted here.
  std::string dir = (fs::temp_directory_path() / "mcp-assay-profile-XXXXXX").string();
  if (!::mkdtemp(dir.data())) throw input_error("cannot create a temporary directory");
  request.inventory_dir = dir;
  ScanResult result;
  try {
    result = scan::run_scan(request, rules);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(dir, ec);
    throw;
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  for (const auto& t : result.targets)
    if (t.status == TargetStatus::failed) {
      std::cerr << "mcp-assay: error: could not profile " << t.target << ": " << t.error << "\n";
      return kExitTargetFailed;
    }
  if (!report.ran) {
    std::cerr << "mcp-assay: error: the server was not fuzzed (no payload classes under the rules directory)\n";
    return kExitUsage;
  }
  std::cerr << "mcp-assay: " << summary(report) << "\n";
  write_profile(cmd.output, report.profile);
  return kExitClean;
}

}  // namespace assay::cli
