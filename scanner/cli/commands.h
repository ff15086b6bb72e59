// The CLI's commands as plain functions over plain options; main.cpp only parses flags into these.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "scanner/cli/gate_options.h"
#include "scanner/discovery/configured_server.h"
#include "scanner/model/severity.h"

namespace assay::cli {

struct ReportRequest {
  std::string format;  // sarif, json, jsonl, text, markdown
  std::string output;  // file path; empty = standard output
};

struct ScanCommand {
  std::vector<std::string> targets;
  std::vector<std::string> command;     // after `--`
  std::vector<ReportRequest> reports;   // empty = text on standard output
  std::optional<Severity> fail_on = Severity::high;  // nullopt = never
  bool quiet = false;
  bool unsandboxed = false;
  std::string inventory_dir;            // empty = beside the first report file, else current dir
  double timeout_seconds = 15;          // per request
  // --- configured and remote servers ---
  bool discover = false;                // scan every server the machine's clients configure
  std::string home;                     // --home (tests); empty = the user's home
  std::string project;                  // --project DIR
  bool config_only = false;             // check configs only; launch and contact nothing
  std::vector<std::string> urls;        // --url
  std::vector<std::string> headers;     // --header "Name: value", sent to every --url
  // --- end configured ---
  // Static scans of source directories and package tarballs.
  bool include_dependencies = false;    // --include-deps
  bool no_ignore = false;               // --no-ignore: inline suppressions are not honoured
  bool show_suppressed = false;         // --show-suppressed
  // --- dynamic analysis (dynamic_command.cpp) ---
  bool fuzz = false;                    // --fuzz: insist (refused with --unsandboxed)
  bool no_fuzz = false;                 // --no-fuzz: only list the live server
  int fuzz_calls = 40;                  // --fuzz-calls: per tool, the baseline included
  double fuzz_time = 20;                // --fuzz-time: seconds for all calls
  std::uint64_t seed = 1;               // --seed
  std::string profile_out;              // --profile-out FILE
  // --- end dynamic ---
  GateOptions gate;                     // --baseline, .mcp-assay.yaml, --rules (scanner/cli/gate_options.h)
  std::string lock_file;                // --lock FILE: verify against a lockfile (pin_command.h)
};

struct InventoryCommand {
  std::vector<std::string> targets;
  std::vector<std::string> command;
  std::string output;  // empty = standard output
  bool unsandboxed = false;
  double timeout_seconds = 15;
};

// --- discover (client config discovery) ---
struct DiscoverCommand {
  std::string home;      // empty = the user's home directory
  bool no_home = false;  // only the project
  std::string project;   // empty = no project
  bool json = false;
};
int run_discover_command(const DiscoverCommand& cmd);
// Config files among the scan targets, --discover, and --url become configured servers.
void add_configured_servers(const ScanCommand& cmd, std::vector<std::string>& dump_files,
                            std::vector<discovery::ConfiguredServer>& servers);
// --- end discover ---
// `fuzz-plan`: what the fuzzer would send each tool, without running anything.
struct FuzzPlanCommand {
  std::string target;               // a tools/list dump or inventory file
  std::string tool;                 // only this tool; empty = all
  std::uint64_t seed = 1;
  int calls_per_tool = 40;
  int calls_per_scan = 0;
  double seconds_per_scan = 0;
  std::string home = "/home/alex";  // the sandbox's view (sandbox::kDecoyHome): decoy home, work dir, allowed root
  std::string work = "/workdir";
  std::string root;                 // empty = the work dir
  bool json = false;
  std::string rules_dir;
};

int run_scan_command(const ScanCommand& cmd);
int run_fuzz_plan_command(const FuzzPlanCommand& cmd);
// Runs the payload classes' examples under RULES_DIR/payloads; adds to the counts and returns
// how many classes were tested (0 when the rules tree has no payloads).
int run_payload_tests(const std::string& rules_dir, bool verbose, int& passed, int& failed);
int run_inventory_command(const InventoryCommand& cmd);
// `rule_dirs` (--rules) are added to the bundled rules; `only_dir` (`rules test DIR`) tests
// that directory's rules alone.
int run_rules_list(const std::vector<std::string>& rule_dirs, const std::string& format);
int run_rules_test(const std::vector<std::string>& rule_dirs, const std::string& only_dir, bool verbose);

// The bundled rules: $MCP_ASSAY_RULES (which replaces them, for tests), else rules/ next to the
// executable's source tree as built, else ./rules. Metadata rules are read from its metadata/
// folder (or the directory itself), code rules from its code/ folder.
std::string default_rules_dir();

}  // namespace assay::cli
