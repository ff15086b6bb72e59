// One scan from targets to a ScanResult; the only place that decides what is scanned how.
#include "scanner/scan/scan_runner.h"

#include <filesystem>
#include <fstream>

#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"

namespace assay::scan {
namespace {

namespace fs = std::filesystem;

std::string safe_file_name(const std::string& name) {
  std::string out;
  for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (out.empty() || out[0] == '.') out = "server" + out;
  return out.substr(0, 80);
}

ScannedTarget describe(const std::string& target, const Inventory& inv) {
  ScannedTarget t;
  t.target = target;
  t.server = inv.server.name;
  t.ran_unsandboxed = inv.origin == InventoryOrigin::live_unsandboxed;
  t.inventory_file = inv.source_document;
  t.tools = static_cast<int>(inv.tools.size());
  t.prompts = static_cast<int>(inv.prompts.size());
  t.resources = static_cast<int>(inv.resources.size());
  t.resource_templates = static_cast<int>(inv.resource_templates.size());
  return t;
}

// Locations from a static scan are relative to the directory scanned; reports want them
// relative to where mcp-assay runs (the repository root in CI), as the directory was given.
void rebase_locations(std::vector<Finding>& findings, const std::string& dir) {
  fs::path base = fs::path(dir).lexically_normal();
  if (base.empty() || base == "." || base == "./") return;
  for (auto& f : findings)
    for (auto& loc : f.locations)
      if (!loc.physical.file.empty() && fs::path(loc.physical.file).is_relative())
        loc.physical.file = (base / loc.physical.file).lexically_normal().string();
}

void scan_source_target(const std::string& target, const ScanRequest& request,
                        const rules::MetadataEngine& engine, ScanResult& result) {
  static const std::vector<code::CodeRule> kNoCodeRules;
  auto scanned = code::scan_source(target, request.code_rules ? *request.code_rules : kNoCodeRules, engine,
                                   request.code_options);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    rebase_locations(scanned.findings, target);
    rebase_locations(scanned.suppressed, target);
  }
  ScannedTarget t;
  t.target = target;
  t.server = scanned.server;
  t.source_files = scanned.files_scanned;
  t.skipped = std::move(scanned.skipped);
  for (const auto& inv : scanned.extracted) {
    t.tools += static_cast<int>(inv.tools.size());
    t.prompts += static_cast<int>(inv.prompts.size());
    t.resources += static_cast<int>(inv.resources.size());
    t.resource_templates += static_cast<int>(inv.resource_templates.size());
  }
  result.targets.push_back(std::move(t));
  for (auto& f : scanned.findings) result.findings.push_back(std::move(f));
  for (auto& f : scanned.suppressed) result.suppressed.push_back(std::move(f));
}

void scan_loaded(const targets::LoadedDump& dump, const std::string& target, const rules::MetadataEngine& engine,
                 ScanResult& result) {
  auto locator = dump.locator;
  auto findings = engine.scan(dump.inventory, [locator](const std::string& p) { return locator->locate(p); });
  for (auto& f : findings) result.findings.push_back(std::move(f));
  result.targets.push_back(describe(target, dump.inventory));
}

}  // namespace

std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`") == std::string::npos;
    out += plain ? a : "'" + a + "'";
  }
  return out;
}

std::vector<RuleInfo> rule_catalogue(const rules::MetadataEngine& engine) {
  std::vector<RuleInfo> out;
  for (const auto& r : engine.rules()) out.push_back(r.info);
  return out;
}

std::vector<RuleInfo> rule_catalogue(const rules::MetadataEngine& engine,
                                     const std::vector<code::CodeRule>& code_rules) {
  std::vector<RuleInfo> out = rule_catalogue(engine);
  for (const auto& r : code_rules) out.push_back(r.info());
  return out;
}

Inventory fetch_live_inventory(const ScanRequest& request, std::string* written_path) {
  if (!request.unsandboxed)
    throw usage_error(
        "launching a server runs its code on this machine, and the sandbox is not available yet: "
        "pass --unsandboxed to run it unsandboxed, or scan a saved tools/list dump instead");
  mcp::LaunchSpec spec;
  spec.argv = request.command;
  auto live = mcp::fetch_inventory_stdio(spec, request.limits);
  Inventory inv = std::move(live.inventory);
  if (inv.server.name.empty()) inv.server.name = fs::path(request.command.front()).filename().string();
  inv.origin = InventoryOrigin::live_unsandboxed;

  // Findings need a real file and line (GitHub drops results without one), so the inventory
  // is written out and the findings point into it.
  std::error_code ec;
  fs::create_directories(request.inventory_dir, ec);
  std::string path = (fs::path(request.inventory_dir) / (safe_file_name(inv.server.name) + ".inventory.json")).string();
  if (path.starts_with("./")) path = path.substr(2);
  nlohmann::json j = inv;
  std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw input_error(path + ": cannot write the inventory file");
  if (written_path) *written_path = path;
  return inv;
}

ScanResult run_scan(const ScanRequest& request, const rules::MetadataEngine& engine) {
  ScanResult result;
  result.tool_version = ASSAY_VERSION;
  static const std::vector<code::CodeRule> kNoCodeRules;
  result.rules = rule_catalogue(engine, request.code_rules ? *request.code_rules : kNoCodeRules);
  result.show_suppressed = request.show_suppressed;
  // Load every file first: a bad input is a usage error that should stop the run before any
  // server is launched.
  std::vector<targets::LoadedDump> dumps;
  std::vector<std::string> dump_files, source_targets;
  for (const auto& file : request.files) {
    if (code::is_source_target(file)) {
      source_targets.push_back(file);
      continue;
    }
    dumps.push_back(targets::load_dump_file(file));
    dump_files.push_back(file);
  }
  for (size_t i = 0; i < dumps.size(); ++i) scan_loaded(dumps[i], dump_files[i], engine, result);
  for (const auto& target : source_targets) scan_source_target(target, request, engine, result);

  bool live = !request.command.empty();
  if (live) {
    std::string target = command_line(request.command);
    try {
      std::string path;
      fetch_live_inventory(request, &path);
      // Re-read what was written, so locations index the exact bytes on disk.
      scan_loaded(targets::load_dump_file(path), target, engine, result);
    } catch (const AssayError& e) {
      if (e.kind() != ErrorKind::target) throw;
      ScannedTarget failed;
      failed.target = target;
      failed.status = TargetStatus::failed;
      failed.error = e.what();
      failed.ran_unsandboxed = true;
      result.targets.push_back(std::move(failed));
    }
  }
  result.sandbox_level = live ? "none: the server ran unsandboxed (--unsandboxed)"
                         : source_targets.empty() ? "not applicable: offline inventory, no server code ran"
                                                  : "not applicable: static analysis, no server code ran";
  sort_findings(result.findings);
  sort_findings(result.suppressed);
  return result;
}

}  // namespace assay::scan
