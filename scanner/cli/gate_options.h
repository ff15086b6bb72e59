// The CI gate's scan options: --baseline, the project config (.mcp-assay.yaml, --config,
// --no-config), user rule directories, and applying ignores and the baseline to a result.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scanner/gate/baseline.h"
#include "scanner/gate/project_config.h"
#include "scanner/model/scan_result.h"
#include "scanner/scan/rule_set.h"

namespace CLI {
class App;
}

namespace assay::cli {

struct GateOptions {
  std::string baseline;                      // --baseline FILE: an earlier SARIF or JSON report of ours
  std::string config;                        // --config FILE; empty = ./.mcp-assay.yaml when present
  bool no_config = false;                    // --no-config
  std::vector<std::string> exclude;          // --exclude GLOB, else the config's `exclude:`
  std::vector<std::string> rule_dirs;        // --rules DIR (global), then the config's `rules:`
  std::vector<gate::DisabledRule> disabled;  // the config's `disable:`
  std::vector<gate::IgnoreEntry> ignores;    // the config's `ignore:`
  std::string config_file;                   // the config that was read; empty = none
};

// Adds --baseline, --config, --no-config and --exclude to the scan subcommand.
void add_gate_scan_options(CLI::App& scan, GateOptions& gate);

// Reads the project config (unless --no-config) and fills in what the command line left
// unset: --fail-on, --format/--output, --exclude; appends its rule directories, disabled rules
// and ignores. Command-line flags always win.
void apply_project_config(GateOptions& gate, const CLI::App& scan, std::vector<std::string>& formats,
                          std::vector<std::string>& outputs, std::string& fail_on);

// The bundled rules, the user directories, minus the disabled rules.
scan::RuleSet load_gate_rules(const GateOptions& gate);

// --baseline, read before the scan so a bad one stops the run before anything is launched.
std::optional<gate::Baseline> load_gate_baseline(const GateOptions& gate);

// Applies the config's ignores (an expired one becomes a warning on stderr and a note in the
// report) and then the baseline.
void apply_gate(ScanResult& result, const GateOptions& gate, const std::optional<gate::Baseline>& baseline);

// A finding that decides the exit code: not baselined (suppressed ones are not in findings).
bool counts_toward_fail_on(const Finding& finding);

}  // namespace assay::cli
