// Implementations of scan, inventory and rules commands: call the library, write reports, pick the exit code.
#include "scanner/cli/commands.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "reports/report_writers.h"
#include "scanner/cli/dynamic_command.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/cli/progress.h"
#include "scanner/cli/step_summary.h"
#include "scanner/gate/rule_dirs.h"
#include "scanner/discovery/config_rules.h"
#include "scanner/fleet/fleet_rules.h"
#include "scanner/lock/classify.h"
#include "scanner/lock/lockfile.h"
#include "scanner/code/code_rule_examples.h"
#include "scanner/model/error.h"
#include "scanner/rules/rule_examples.h"
#include "scanner/behaviour/behaviour_engine.h"
#include "scanner/scan/scan_runner.h"
#include "scanner/targets/dump_loader.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

scan::RuleSet load_rules(const std::vector<std::string>& rule_dirs) {
  return gate::load_rules(default_rules_dir(), rule_dirs);
}


void write_to(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
    return;
  }
  std::error_code ec;
  auto parent = fs::path(path).parent_path();
  if (!parent.empty()) fs::create_directories(parent, ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw input_error(path + ": cannot write report");
}

std::string render(const ScanResult& result, const ReportRequest& r) {
  if (r.format == "sarif") return reports::write_sarif(result);
  if (r.format == "json") return reports::write_json(result);
  if (r.format == "markdown") return reports::write_markdown(result);
  if (r.format == "jsonl") return reports::write_jsonl(result);
  bool color = r.output.empty() && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return reports::write_text(result, color);
}

std::string summary_line(const ScanResult& result) {
  int counts[5] = {};
  for (const auto& f : result.findings) ++counts[static_cast<int>(f.severity)];
  std::string s = std::to_string(result.findings.size()) + " finding" + (result.findings.size() == 1 ? "" : "s");
  const char* names[] = {"info", "low", "medium", "high", "critical"};
  std::string parts;
  for (int i = 4; i >= 0; --i)
    if (counts[i]) parts += (parts.empty() ? "" : ", ") + std::to_string(counts[i]) + " " + names[i];
  if (!parts.empty()) s += " (" + parts + ")";
  std::size_t baselined = 0;
  for (const auto& f : result.findings) baselined += f.baselined;
  if (baselined) s += ", " + std::to_string(baselined) + " baselined";
  if (!result.suppressed.empty()) s += ", " + std::to_string(result.suppressed.size()) + " suppressed";
  return s;
}

}  // namespace

std::string default_rules_dir() {
  if (const char* env = std::getenv("MCP_ASSAY_RULES"); env && *env) return env;
  if (fs::is_directory(ASSAY_DEFAULT_RULES_DIR)) return ASSAY_DEFAULT_RULES_DIR;
  return "rules";
}

int run_scan_command(const ScanCommand& cmd) {
  if (cmd.targets.empty() && cmd.command.empty() && !cmd.discover && cmd.urls.empty())
    throw usage_error(
        "nothing to scan: give a source directory, a package .tgz, a tools/list dump, an inventory or client "
        "config file, --discover, --url URL, "
        "or `-- COMMAND ARGS...`");
  // --- gate: user rules, disabled rules, baseline (scanner/cli/gate_options.h) ---
  scan::RuleSet rules = load_gate_rules(cmd.gate);
  const std::optional<gate::Baseline> baseline = load_gate_baseline(cmd.gate);
  // --- end gate ---

  scan::ScanRequest request;
  // --- configured and remote servers ---
  add_configured_servers(cmd, request.files, request.configured);
  request.config_only = cmd.config_only;
  // --- end configured ---
  request.command = cmd.command;
  request.unsandboxed = cmd.unsandboxed;
  request.limits.request_timeout = std::chrono::milliseconds(static_cast<long>(cmd.timeout_seconds * 1000));
  request.inventory_dir = cmd.inventory_dir;
  request.code_options.include_dependencies = cmd.include_dependencies;
  request.code_options.honour_suppressions = !cmd.no_ignore;
  request.show_suppressed = cmd.show_suppressed;
  dynamic::DynamicReport dynamic_report;  // --- dynamic analysis ---
  apply_dynamic_options(cmd, request, dynamic_report);
  request.code_options.exclude_paths = cmd.gate.exclude;
  // --- lockfile verification: a bad lockfile stops the run before any server is launched ---
  request.lock_file = cmd.lock_file;
  if (!cmd.lock_file.empty()) lock::read_lockfile(cmd.lock_file);
  // --- end lockfile ---
  if (request.inventory_dir.empty()) {
    std::string first_file;
    for (const auto& r : cmd.reports)
      if (!r.output.empty() && r.output != "-") {
        first_file = r.output;
        break;
      }
    auto parent = fs::path(first_file).parent_path();
    request.inventory_dir = parent.empty() ? "." : parent.string();
  }

  ScanResult result;
  {
    ProgressLine progress(progress_wanted(isatty(STDERR_FILENO), cmd.quiet, std::getenv("TERM")),
                          static_cast<int>(request.files.size() + request.configured.size()) + !request.command.empty());
    request.on_target = [&progress](const std::string& target) { progress.start_target(target); };
    result = scan::run_scan(request, rules);
  }
  report_dynamic(cmd, dynamic_report);  // --- dynamic analysis ---
  // --- gate: ignores, baseline, GitHub job summary ---
  apply_gate(result, cmd.gate, baseline);
  append_step_summary(result);
  // --- end gate ---

  std::vector<ReportRequest> reports = cmd.reports;
  if (reports.empty() && !cmd.quiet) reports.push_back({"text", ""});
  for (const auto& r : reports) write_to(r.output, render(result, r));

  bool any_failed = false;
  for (const auto& t : result.targets) {
    if (t.status != TargetStatus::failed) continue;
    any_failed = true;
    std::cerr << "mcp-assay: error: could not scan " << t.target << ": " << t.error << "\n";
  }
  bool wrote_files_only = !reports.empty();
  for (const auto& r : reports) wrote_files_only = wrote_files_only && !r.output.empty() && r.output != "-";
  if (!cmd.quiet && wrote_files_only) {
    std::cerr << "mcp-assay: " << summary_line(result);
    for (const auto& r : reports) std::cerr << (&r == &reports.front() ? "; wrote " : ", ") << r.output;
    std::cerr << "\n";
  }
  if (any_failed) return kExitTargetFailed;
  if (!cmd.fail_on) return kExitClean;
  for (const auto& f : result.findings)
    if (f.severity >= *cmd.fail_on && counts_toward_fail_on(f)) return kExitFindings;
  return kExitClean;
}

int run_inventory_command(const InventoryCommand& cmd) {
  if (cmd.targets.size() + (cmd.command.empty() ? 0 : 1) != 1)
    throw usage_error("inventory takes exactly one target: a dump file, or `-- COMMAND ARGS...`");
  Inventory inv;
  if (!cmd.command.empty()) {
    scan::ScanRequest request;
    request.command = cmd.command;
    request.unsandboxed = cmd.unsandboxed;
    request.limits.request_timeout = std::chrono::milliseconds(static_cast<long>(cmd.timeout_seconds * 1000));
    request.inventory_dir = fs::temp_directory_path().string();
    scan::LiveFetch live = scan::fetch_live(request);
    inv = std::move(live.inventory);
    std::error_code ec;
    fs::remove(live.inventory_path, ec);
    if (!live.events_path.empty()) fs::remove(live.events_path, ec);
  } else {
    inv = targets::load_dump_file(cmd.targets.front()).inventory;
  }
  nlohmann::json j = inv;
  write_to(cmd.output, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return kExitClean;
}

int run_rules_list(const std::vector<std::string>& rule_dirs, const std::string& format) {
  scan::RuleSet rules = load_rules(rule_dirs);
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    auto entry = [](const RuleInfo& info, const std::string& kind, const std::string& file) {
      return nlohmann::json{{"id", info.id},       {"name", info.name},
                            {"title", info.short_description},
                            {"severity", to_string(info.severity)},
                            {"confidence", to_string(info.confidence)},
                            {"cwe", info.cwe},     {"tags", info.tags},
                            {"kind", kind},        {"file", file}};
    };
    for (const auto& r : rules.metadata.rules()) {
      out.push_back(entry(r.info, "metadata", r.file));
      out.back()["patterns"] = r.patterns.size();
    }
    for (const auto& r : rules.runtime) out.push_back(entry(r.info, "runtime", r.file));
    for (const auto& r : rules.code) {
      nlohmann::json languages = nlohmann::json::array();
      for (auto l : r.languages) languages.push_back(code::to_string(l));
      out.push_back(entry(r.info(), r.query ? "query" : r.dataflow ? "dataflow" : "clang", r.rule_file));
      out.back()["languages"] = languages;
    }
    std::cout << out.dump(2) << "\n";
    return kExitClean;
  }
  for (const auto& info : scan::rule_catalogue(rules)) {
    std::string sev(to_string(info.severity));
    std::string conf(to_string(info.confidence));
    std::cout << info.id << "  " << sev << std::string(9 - sev.size(), ' ') << conf
              << std::string(7 - conf.size(), ' ') << info.name << " — " << info.short_description << "\n";
  }
  std::cout << scan::rule_catalogue(rules).size() << " rules\n";
  return kExitClean;
}

int run_rules_test(const std::vector<std::string>& rule_dirs, const std::string& only_dir, bool verbose) {
  scan::RuleSet rules = only_dir.empty() ? load_rules(rule_dirs) : gate::load_user_rule_dir(only_dir);
  int passed = 0, failed = 0;
  for (const auto& r : rules::run_rule_examples(rules.metadata)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->info.id << " " << r.rule->file << ":" << r.example->line
              << " expected " << (r.expected_match ? "match" : "no match") << " on "
              << rules::to_string(r.example->field) << ": " << r.detail << "\n";
  }
  for (const auto& r : behaviour::run_behaviour_examples(rules.runtime)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->info.id << " " << r.rule->file << ":" << r.example->line
              << " expected " << (r.expected_match ? "match" : "no match") << " on event "
              << behaviour::event_evidence(r.example->event) << "\n";
  }
  for (const auto& r : discovery::run_config_rule_examples(rules.config)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->info.id << " " << r.rule->file << ":" << r.example->line
              << " expected " << (r.example->should_match ? "match" : "no match") << " on " << r.example->key
              << " = " << r.example->value << "\n";
  }
  // Fleet rules (rules/fleet): each example fleet, and each capability label's example tools.
  for (const auto& r : fleet::run_fleet_examples(rules.fleet)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.id << " " << r.file << ":" << r.line << " expected "
              << (r.expected_match ? "match" : "no match") << " on " << r.detail << "\n";
  }
  // --- lock rules: each before/after example (scanner/lock/classify.h) ---
  for (const auto& r : lock::run_lock_rule_examples(rules.lock, rules.metadata)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->info.id << " " << r.rule->file << ":" << r.example->line
              << " expected " << (r.example->should_match ? "match" : "no match") << ", got " << r.detail << "\n";
  }
  // --- end lock rules ---
  // Code rules: each annotated example file, line by line (`ruleid:` / `ok:` comments).
  for (const auto& r : code::run_code_rule_examples(rules.code)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->id << " " << r.rule->example_file << ":" << r.line << " "
              << r.detail << "\n";
  }
  // Payload classes: the bundled ones, or only those of the directory under test.
  run_payload_tests(only_dir, verbose, passed, failed);
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? kExitFindings : kExitClean;
}

}  // namespace assay::cli
