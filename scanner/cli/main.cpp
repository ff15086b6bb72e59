// mcp-assay's command line: parses flags with CLI11 into plain commands, turns errors into exit codes.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

#include "scanner/cli/commands.h"
#include "scanner/cli/dynamic_command.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/cli/pin_command.h"
#include "scanner/cli/sandbox_command.h"
#include "scanner/mcp/launched_groups.h"
#include "scanner/model/error.h"

namespace {

using namespace assay;
using namespace assay::cli;

const char* kScanExamples = R"(
Examples:
  mcp-assay scan .                                scan a server's source tree statically
  mcp-assay scan server-x-1.2.0.tgz               scan a package as published (npm pack)
  mcp-assay scan tools.json                       scan a saved tools/list result
  mcp-assay scan --format sarif -o out.sarif tools.json
  mcp-assay scan --format sarif -o out.sarif --format text tools.json
  mcp-assay scan -- node build/index.js           launch a stdio server in the sandbox, list and fuzz it
  mcp-assay scan --unsandboxed -- node build/index.js    launch it here (no fuzzing) and scan it
  mcp-assay scan --fail-on medium inventory.json  fail the CI job on medium or worse
  mcp-assay scan --baseline last.sarif --format sarif -o new.sarif .   fail only on new findings
  mcp-assay scan --discover --config-only         check every client config on this machine
  mcp-assay scan ~/.cursor/mcp.json --unsandboxed scan the servers one config declares
  mcp-assay scan --url http://127.0.0.1:8080/mcp --header "Authorization: Bearer $T"

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage or input error, 3 a target could not be scanned.
)";

const char* kPinExamples = R"(
Examples:
  mcp-assay pin --reason "reviewed in SEC-142" tools.json      approve a saved surface
  mcp-assay pin --reason "onboarding" -- node build/index.js    approve a live server (sandboxed)
  mcp-assay scan --lock mcp-assay.lock --fail-on medium tools.json   verify nothing changed
  mcp-assay pin --update --reason "v1.3 reviewed" tools.json    recertify; the history is kept

Exit codes: 0 written, 2 usage or input error (no --reason, lockfile exists without --update),
3 a server could not be read (nothing is written).
)";

// CLI11 would fold everything after `--` into the positional targets; the server's command
// line is split off first so the two can never be confused.
std::pair<std::vector<std::string>, std::vector<std::string>> split_command(int argc, char** argv) {
  std::vector<std::string> before, after;
  bool seen = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (!seen && a == "--") {
      seen = true;
      continue;
    }
    (seen ? after : before).push_back(a);
  }
  return {before, after};
}

std::vector<ReportRequest> pair_reports(const std::vector<std::string>& formats, const std::vector<std::string>& outputs) {
  if (outputs.size() > std::max<size_t>(formats.size(), 1))
    throw usage_error("more --output than --format options: each --output belongs to the --format before it");
  std::vector<ReportRequest> reports;
  for (size_t i = 0; i < formats.size(); ++i) reports.push_back({formats[i], i < outputs.size() ? outputs[i] : ""});
  if (formats.empty() && !outputs.empty()) reports.push_back({"text", outputs[0]});
  int to_stdout = 0;
  for (const auto& r : reports) to_stdout += r.output.empty() || r.output == "-";
  if (to_stdout > 1) throw usage_error("only one report can go to standard output: give the others an --output file");
  return reports;
}

int run(int argc, char** argv) {
  auto [args, command] = split_command(argc, argv);
  CLI::App app{"mcp-assay: an offline security scanner for MCP servers", "mcp-assay"};
  app.set_version_flag("--version", std::string("mcp-assay ") + ASSAY_VERSION);
  app.require_subcommand(1);
  std::vector<std::string> rule_dirs;
  app.add_option("--rules", rule_dirs, "Add a directory of your own rules to the bundled ones (repeatable)")
      ->check(CLI::ExistingDirectory)
      ->allow_extra_args(false);

  ScanCommand scan;
  std::vector<std::string> formats, outputs;
  std::string fail_on = "high";
  auto* scan_cmd = app.add_subcommand("scan", "Scan MCP servers and report findings");
  scan_cmd->footer(kScanExamples);
  scan_cmd->add_option("targets", scan.targets,
                       "source directories, npm package tarballs (.tgz), tools/list dumps or mcp-assay inventory files");
  scan_cmd->add_option("--format", formats, "sarif|json|jsonl|text|markdown (repeatable; the Nth --output goes with the Nth --format)")
      ->check(CLI::IsMember({"sarif", "json", "jsonl", "text", "markdown"}))
      ->allow_extra_args(false);
  scan_cmd->add_option("-o,--output", outputs, "Write the report to FILE (repeatable)")->allow_extra_args(false);
  scan_cmd->add_option("--fail-on", fail_on, "Exit 1 when a finding is at or above this severity")
      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "never"}));
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "Print nothing but errors; rely on --output files and the exit code");
  scan_cmd->add_flag("--unsandboxed", scan.unsandboxed, "Allow launching the server without a sandbox (runs its code here)");
  scan_cmd->add_option("--inventory-dir", scan.inventory_dir, "Where to write inventories of live servers");
  scan_cmd->add_option("--timeout", scan.timeout_seconds, "Seconds to wait for each server response")
      ->check(CLI::Range(0.1, 3600.0));
  // --- configured and remote servers ---
  scan_cmd->add_flag("--discover", scan.discover, "Scan every MCP server configured in this machine's AI clients");
  scan_cmd->add_option("--home", scan.home, "With --discover: read client configs under DIR instead of the home directory")
      ->check(CLI::ExistingDirectory);
  scan_cmd->add_option("--project", scan.project, "With --discover: also read this project's client configs")
      ->check(CLI::ExistingDirectory);
  scan_cmd->add_flag("--config-only", scan.config_only, "Check client configs only: launch and contact no server");
  scan_cmd->add_option("--url", scan.urls, "A remote server's URL (Streamable HTTP, or HTTP+SSE for .../sse)")
      ->allow_extra_args(false);
  scan_cmd->add_option("--header", scan.headers, "\"Name: value\" header sent to every --url server (repeatable)")
      ->allow_extra_args(false);
  // --- end configured ---
  scan_cmd->add_flag("--include-deps", scan.include_dependencies,
                     "Scan dependencies too (node_modules, vendor/, virtualenvs) in source directories");
  scan_cmd->add_flag("--no-ignore", scan.no_ignore,
                     "Do not honour inline `mcp-assay: ignore[MCPnnn] reason` comments (for audits)");
  scan_cmd->add_flag("--show-suppressed", scan.show_suppressed,
                     "List findings silenced by inline ignores (in SARIF, as suppressed results)");
  // --- dynamic analysis ---
  scan_cmd->add_flag("--fuzz", scan.fuzz, "Fuzz the live server's tools (the default in the sandbox; refused with --unsandboxed)");
  scan_cmd->add_flag("--no-fuzz", scan.no_fuzz, "Only list the live server's declarations; call no tool");
  scan_cmd->add_option("--fuzz-calls", scan.fuzz_calls, "Calls per tool, the baseline included")->check(CLI::Range(1, 100000));
  scan_cmd->add_option("--fuzz-time", scan.fuzz_time, "Seconds for all fuzzing calls")->check(CLI::Range(0.1, 86400.0));
  scan_cmd->add_option("--seed", scan.seed, "Seed for the fuzzing plan (same seed, same calls)");
  scan_cmd->add_option("--profile-out", scan.profile_out, "Write the server's least-privilege profile (JSON) to FILE");
  ProfileCommand profile;
  auto* profile_cmd = app.add_subcommand("profile", "Fuzz a server in the sandbox and print what it needs (least-privilege JSON)");
  profile_cmd->footer("\nCommand: mcp-assay profile [-o FILE] -- COMMAND ARGS...\n\n`{workdir}` in the command stands for the sandbox's writable work dir.\n");
  profile_cmd->add_option("-o,--output", profile.output, "Write the profile to FILE instead of standard output");
  profile_cmd->add_option("--fuzz-calls", profile.fuzz_calls, "Calls per tool, the baseline included")->check(CLI::Range(1, 100000));
  profile_cmd->add_option("--fuzz-time", profile.fuzz_time, "Seconds for all fuzzing calls")->check(CLI::Range(0.1, 86400.0));
  profile_cmd->add_option("--seed", profile.seed, "Seed for the fuzzing plan");
  profile_cmd->add_option("--timeout", profile.timeout_seconds, "Seconds to wait for each server response")
      ->check(CLI::Range(0.1, 3600.0));
  // --- end dynamic ---
  add_gate_scan_options(*scan_cmd, scan.gate);  // --baseline, --config, --no-config, --exclude
  // --- pin and verify ---
  scan_cmd->add_option("--lock", scan.lock_file, "Verify every server against this lockfile (written by `mcp-assay pin`)");
  PinCommand pin;
  auto* pin_cmd = app.add_subcommand("pin", "Approve servers' declared surfaces into a lockfile (mcp-assay.lock)");
  pin_cmd->footer(kPinExamples);
  pin_cmd->add_option("targets", pin.targets, "tools/list dumps, mcp-assay inventory files or client config files");
  pin_cmd->add_option("--lock", pin.lock_file, "The lockfile to write (default: mcp-assay.lock)");
  pin_cmd->add_flag("--update", pin.update, "Re-approve (recertify) into an existing lockfile, keeping its history");
  pin_cmd->add_option("--reason", pin.reason, "Why this surface is approved (mandatory)");
  pin_cmd->add_option("--approver", pin.approver, "Who approves (default: git config user.name, else $USER)");
  pin_cmd->add_option("--now", pin.now, "Approval time, UTC YYYY-MM-DDTHH:MM:SSZ (default: $SOURCE_DATE_EPOCH, else now)");
  pin_cmd->add_flag("--unsandboxed", pin.unsandboxed, "Allow launching the server without a sandbox (runs its code here)");
  pin_cmd->add_option("--timeout", pin.timeout_seconds, "Seconds to wait for each server response")
      ->check(CLI::Range(0.1, 3600.0));
  pin_cmd->add_flag("--discover", pin.discover, "Pin every MCP server configured in this machine's AI clients");
  pin_cmd->add_option("--home", pin.home, "With --discover: read client configs under DIR")->check(CLI::ExistingDirectory);
  pin_cmd->add_option("--project", pin.project, "With --discover: also read this project's client configs")
      ->check(CLI::ExistingDirectory);
  pin_cmd->add_option("--url", pin.urls, "A remote server's URL")->allow_extra_args(false);
  pin_cmd->add_option("--header", pin.headers, "\"Name: value\" header sent to every --url server")->allow_extra_args(false);
  pin_cmd->add_flag("-q,--quiet", pin.quiet, "Print nothing but errors");
  // --- end pin and verify ---

  InventoryCommand inventory;
  auto* inv_cmd = app.add_subcommand("inventory", "Print what a server declares, as JSON");
  inv_cmd->add_option("target", inventory.targets, "a tools/list dump or inventory file");
  inv_cmd->add_option("-o,--output", inventory.output, "Write to FILE instead of standard output");
  inv_cmd->add_flag("--unsandboxed", inventory.unsandboxed, "Allow launching the server without a sandbox");
  inv_cmd->add_option("--timeout", inventory.timeout_seconds, "Seconds to wait for each server response")
      ->check(CLI::Range(0.1, 3600.0));

  SandboxCommand sandbox;
  auto* sandbox_cmd = app.add_subcommand("sandbox", "Run a command in the sandbox and print what it did");
  sandbox_cmd->footer("\nCommand: mcp-assay sandbox [--json] [--timeout S] -- COMMAND ARGS...\n\nExample:\n  mcp-assay sandbox --json -- node server.js\n\nExit code 0 when the command ran (its own exit status is in the events), 3 when it could not be sandboxed.\n");
  sandbox_cmd->add_flag("--json", sandbox.json, "Print JSON lines (one per event, then a summary) instead of text");
  sandbox_cmd->add_option("--timeout", sandbox.timeout_seconds, "Seconds before everything in the sandbox is killed")
      ->check(CLI::Range(0.1, 86400.0));

  // --- discover ---
  DiscoverCommand discover;
  auto* discover_cmd = app.add_subcommand("discover", "List the MCP servers configured in AI clients (launches nothing)");
  discover_cmd->add_flag("--json", discover.json, "Print JSON instead of a table");
  discover_cmd->add_option("--project", discover.project, "Also read this project's configs (.mcp.json, .vscode/mcp.json, ...)")
      ->check(CLI::ExistingDirectory);
  discover_cmd->add_option("--home", discover.home, "Read client configs under DIR instead of the home directory")
      ->check(CLI::ExistingDirectory);
  discover_cmd->add_flag("--no-home", discover.no_home, "Read only the --project configs");
  // --- end discover ---

  auto* rules_cmd = app.add_subcommand("rules", "List or test the rule catalogue");
  rules_cmd->require_subcommand(1);
  std::string list_format = "text";
  auto* list_cmd = rules_cmd->add_subcommand("list", "Print the rule catalogue");
  list_cmd->add_option("--format", list_format, "text|json")->check(CLI::IsMember({"text", "json"}));
  bool verbose = false;
  std::string rules_test_dir;
  auto* test_cmd = rules_cmd->add_subcommand("test", "Run every rule's own match / no-match examples");
  test_cmd->add_flag("-v,--verbose", verbose, "List passing examples too");
  test_cmd->add_option("dir", rules_test_dir, "Test only the rules in this directory (your own rules)")
      ->check(CLI::ExistingDirectory);

  FuzzPlanCommand fuzz_plan;
  auto* plan_cmd = app.add_subcommand("fuzz-plan", "Print the calls the fuzzer would make to each tool, without running anything");
  plan_cmd->add_option("target", fuzz_plan.target, "a tools/list dump or inventory file")->required();
  plan_cmd->add_option("--tool", fuzz_plan.tool, "Only this tool");
  plan_cmd->add_option("--seed", fuzz_plan.seed, "Seed for the call order (same seed, same plan)");
  plan_cmd->add_option("--fuzz-calls", fuzz_plan.calls_per_tool, "Calls per tool, the baseline included")
      ->check(CLI::Range(1, 100000));
  plan_cmd->add_option("--fuzz-scan-calls", fuzz_plan.calls_per_scan, "Calls for the whole scan (0 = no cap)")
      ->check(CLI::Range(0, 10000000));
  plan_cmd->add_option("--fuzz-time", fuzz_plan.seconds_per_scan, "Seconds for the whole scan (recorded for the executor)")
      ->check(CLI::Range(0.0, 86400.0));
  plan_cmd->add_option("--home", fuzz_plan.home, "The decoy home as the server sees it");
  plan_cmd->add_option("--work", fuzz_plan.work, "The work dir as the server sees it");
  plan_cmd->add_option("--root", fuzz_plan.root, "The directory the server may use (default: the work dir)");
  plan_cmd->add_flag("--json", fuzz_plan.json, "Print the plan as JSON");

  std::vector<std::string> cli_args(args.rbegin(), args.rend());  // CLI11 takes them reversed
  try {
    app.parse(cli_args);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "mcp-assay: error: " << e.what() << " (see mcp-assay --help)\n";
    return kExitUsage;
  }

  if (*scan_cmd) {
    scan.command = command;
    scan.gate.rule_dirs = rule_dirs;
    apply_project_config(scan.gate, *scan_cmd, formats, outputs, fail_on);  // .mcp-assay.yaml defaults
    scan.reports = pair_reports(formats, outputs);
    scan.fail_on = fail_on == "never" ? std::nullopt : parse_severity(fail_on);
    return run_scan_command(scan);
  }
  if (*pin_cmd) {
    pin.command = command;
    pin.rule_dirs = rule_dirs;
    return run_pin_command(pin);
  }
  if (*sandbox_cmd) {
    sandbox.command = command;
    return run_sandbox_command(sandbox);
  }
  if (*profile_cmd) {  // --- dynamic analysis ---
    profile.command = command;
    profile.rule_dirs = rule_dirs;
    return run_profile_command(profile);
  }
  if (!command.empty() && !*inv_cmd) throw usage_error("`-- COMMAND` is only for scan, inventory, profile and sandbox");
  if (*inv_cmd) {
    inventory.command = command;
    return run_inventory_command(inventory);
  }
  if (*discover_cmd) return run_discover_command(discover);
  if (*plan_cmd) return run_fuzz_plan_command(fuzz_plan);  // the bundled payload classes
  if (*list_cmd) return run_rules_list(rule_dirs, list_format);
  if (*test_cmd) return run_rules_test(rule_dirs, rules_test_dir, verbose);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  assay::mcp::kill_launched_groups_on_interrupt();
  try {
    return run(argc, argv);
  } catch (const AssayError& e) {
    std::cerr << "mcp-assay: error: " << e.what() << "\n";
    return e.kind() == ErrorKind::target ? kExitTargetFailed : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "mcp-assay: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}
