// Implementations of scan, inventory and rules commands: call the library, write reports, pick the exit code.
#include "scanner/cli/commands.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "reports/report_writers.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/model/error.h"
#include "scanner/rules/rule_examples.h"
#include "scanner/scan/scan_runner.h"
#include "scanner/targets/dump_loader.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

std::string metadata_dir(const std::string& rules_dir) {
  fs::path p(rules_dir);
  if (fs::is_directory(p / "metadata")) return (p / "metadata").string();
  return rules_dir;
}

rules::MetadataEngine load_engine(const std::string& rules_dir) {
  return rules::MetadataEngine(rules::load_metadata_rules(metadata_dir(rules_dir)));
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
  return s;
}

}  // namespace

std::string default_rules_dir() {
  if (const char* env = std::getenv("MCP_ASSAY_RULES"); env && *env) return env;
  if (fs::is_directory(ASSAY_DEFAULT_RULES_DIR)) return ASSAY_DEFAULT_RULES_DIR;
  return "rules";
}

int run_scan_command(const ScanCommand& cmd) {
  if (cmd.targets.empty() && cmd.command.empty())
    throw usage_error("nothing to scan: give a tools/list dump or inventory file, or `-- COMMAND ARGS...`");
  auto engine = load_engine(cmd.rules_dir.empty() ? default_rules_dir() : cmd.rules_dir);

  scan::ScanRequest request;
  request.files = cmd.targets;
  request.command = cmd.command;
  request.unsandboxed = cmd.unsandboxed;
  request.limits.request_timeout = std::chrono::milliseconds(static_cast<long>(cmd.timeout_seconds * 1000));
  request.inventory_dir = cmd.inventory_dir;
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

  ScanResult result = scan::run_scan(request, engine);

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
    if (f.severity >= *cmd.fail_on) return kExitFindings;
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
    std::string written;
    inv = scan::fetch_live_inventory(request, &written);
    std::error_code ec;
    fs::remove(written, ec);
  } else {
    inv = targets::load_dump_file(cmd.targets.front()).inventory;
  }
  nlohmann::json j = inv;
  write_to(cmd.output, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  return kExitClean;
}

int run_rules_list(const std::string& rules_dir, const std::string& format) {
  auto engine = load_engine(rules_dir.empty() ? default_rules_dir() : rules_dir);
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : engine.rules()) {
      out.push_back({{"id", r.info.id}, {"name", r.info.name}, {"title", r.info.short_description},
                     {"severity", to_string(r.info.severity)}, {"confidence", to_string(r.info.confidence)},
                     {"cwe", r.info.cwe}, {"tags", r.info.tags}, {"file", r.file},
                     {"patterns", r.patterns.size()}});
    }
    std::cout << out.dump(2) << "\n";
    return kExitClean;
  }
  for (const auto& r : engine.rules()) {
    std::string sev(to_string(r.info.severity));
    std::string conf(to_string(r.info.confidence));
    std::cout << r.info.id << "  " << sev << std::string(9 - sev.size(), ' ') << conf
              << std::string(7 - conf.size(), ' ') << r.info.name << " — " << r.info.short_description << "\n";
  }
  std::cout << engine.rules().size() << " rules\n";
  return kExitClean;
}

int run_rules_test(const std::string& rules_dir, bool verbose) {
  auto engine = load_engine(rules_dir.empty() ? default_rules_dir() : rules_dir);
  int passed = 0, failed = 0;
  for (const auto& r : rules::run_rule_examples(engine)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.rule->info.id << " " << r.rule->file << ":" << r.example->line
              << " expected " << (r.expected_match ? "match" : "no match") << " on "
              << rules::to_string(r.example->field) << ": " << r.detail << "\n";
  }
  run_payload_tests(rules_dir, verbose, passed, failed);
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? kExitFindings : kExitClean;
}

}  // namespace assay::cli
