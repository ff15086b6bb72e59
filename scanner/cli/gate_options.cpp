// The CI gate's flags and the project config, turned into a rule set and a filtered result.
#include "scanner/cli/gate_options.h"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "scanner/cli/commands.h"
#include "scanner/gate/dates.h"
#include "scanner/gate/ignores.h"
#include "scanner/gate/rule_dirs.h"
#include "scanner/model/error.h"

namespace assay::cli {

void add_gate_scan_options(CLI::App& scan, GateOptions& gate) {
  scan.add_option("--baseline", gate.baseline,
                  "An earlier SARIF or JSON report of mcp-assay: only findings not in it count toward --fail-on");
  scan.add_option("--config", gate.config, "Project config with ignores and defaults (default: ./.mcp-assay.yaml)");
  scan.add_flag("--no-config", gate.no_config, "Do not read ./.mcp-assay.yaml");
  scan.add_option("--exclude", gate.exclude, "Leave out source files matching GLOB (repeatable; overrides the config)")
      ->allow_extra_args(false);
}

void apply_project_config(GateOptions& gate, const CLI::App& scan, std::vector<std::string>& formats,
                          std::vector<std::string>& outputs, std::string& fail_on) {
  if (gate.no_config && !gate.config.empty()) throw usage_error("--config and --no-config contradict each other");
  if (gate.no_config) return;
  std::string file = gate.config;
  std::error_code ec;
  if (file.empty()) {
    if (!std::filesystem::is_regular_file(gate::kProjectConfigName, ec)) return;
    file = gate::kProjectConfigName;
  }
  gate::ProjectConfig config = gate::load_project_config(file);
  gate.config_file = file;
  if (config.fail_on && scan.get_option("--fail-on")->count() == 0) fail_on = *config.fail_on;
  if (formats.empty() && outputs.empty()) {
    formats = config.formats;
    outputs = config.outputs;
  }
  if (gate.exclude.empty()) gate.exclude = config.exclude;
  for (auto& dir : config.rule_dirs) gate.rule_dirs.push_back(std::move(dir));
  gate.disabled = std::move(config.disabled);
  gate.ignores = std::move(config.ignores);
}

scan::RuleSet load_gate_rules(const GateOptions& gate) {
  scan::RuleSet rules = gate::load_rules(default_rules_dir(), gate.rule_dirs);
  gate::disable_rules(rules, gate.disabled);
  return rules;
}

std::optional<gate::Baseline> load_gate_baseline(const GateOptions& gate) {
  if (gate.baseline.empty()) return std::nullopt;
  return gate::load_baseline(gate.baseline);
}

void apply_gate(ScanResult& result, const GateOptions& gate, const std::optional<gate::Baseline>& baseline) {
  if (!gate.ignores.empty()) {
    gate::apply_ignores(result, gate.ignores, gate::today());
    for (const auto& line : result.expired_ignores) std::cerr << "mcp-assay: warning: " << line << "\n";
  }
  if (baseline) gate::apply_baseline(result, *baseline);
}

bool counts_toward_fail_on(const Finding& finding) { return !finding.baselined; }

}  // namespace assay::cli
