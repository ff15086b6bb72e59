// One scan from targets to a ScanResult; the only place that decides what is scanned how.
#include "scanner/scan/scan_runner.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "sandbox/level.h"
#include "scanner/behaviour/behaviour_engine.h"
#include "scanner/fleet/scanned_fleet.h"
#include "scanner/lock/verify.h"
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

void scan_source_target(const std::string& target, const ScanRequest& request, const RuleSet& rules,
                        ScanResult& result, std::map<std::string, PhysicalLocation>& declarations) {
  auto scanned = code::scan_source(target, rules.code, rules.metadata, request.code_options);
  std::error_code ec;
  if (fs::is_directory(target, ec)) {
    rebase_locations(scanned.findings, target);
    rebase_locations(scanned.suppressed, target);
  }
  for (auto& [tool, where] : scanned.tool_declarations) {
    if (fs::is_directory(target, ec) && !where.file.empty() && fs::path(where.file).is_relative())
      where.file = (fs::path(target) / where.file).lexically_normal().string();
    declarations.emplace(tool, where);
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

}  // namespace

void scan_loaded(const targets::LoadedDump& dump, const std::string& target, const rules::MetadataEngine& engine,
                 ScanResult& result) {
  auto locator = dump.locator;
  auto findings = engine.scan(dump.inventory, [locator](const std::string& p) { return locator->locate(p); });
  for (auto& f : findings) result.findings.push_back(std::move(f));
  result.targets.push_back(describe(target, dump.inventory));
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`") == std::string::npos;
    out += plain ? a : "'" + a + "'";
  }
  return out;
}

namespace {

void write_text_file(const std::string& path, const std::string& text, const char* what) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw input_error(path + ": cannot write the " + what);
}

std::string output_path_in(const std::string& dir, const std::string& server, const char* suffix) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::string path = (fs::path(dir) / (safe_file_name(server) + suffix)).string();
  return path.starts_with("./") ? path.substr(2) : path;
}

std::string output_path(const ScanRequest& request, const std::string& server, const char* suffix) {
  return output_path_in(request.inventory_dir, server, suffix);
}

void require_isolation(const ScanRequest& request) {
  if (request.unsandboxed) return;
  sandbox::SandboxLevel level = sandbox::probe_sandbox_level();
  if (level.level == sandbox::IsolationLevel::none)
    throw usage_error("cannot launch the server in a sandbox on this machine (" + sandbox::describe(level) +
                      "): pass --unsandboxed to run it here without isolation, or scan a saved tools/list "
                      "dump instead");
}

std::string server_name_for(const ScanRequest& request) { return fs::path(request.command.front()).filename().string(); }

}  // namespace

// One JSON object per line, so event i is on line i+1 and findings can point at it.
std::string write_events_file(const ScanRequest& request, const std::string& server,
                            const mcp::SandboxOutcome& outcome) {
  std::string text;
  for (const auto& e : outcome.events) {
    nlohmann::json j = e;
    text += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
  }
  std::string path = output_path(request, server, ".events.jsonl");
  write_text_file(path, text, "sandbox events file");
  return path;
}

std::string write_inventory_file(const Inventory& inv, const std::string& dir, const std::string& name) {
  // Findings need a real file and line (GitHub drops results without one), so the inventory
  // is written out and the findings point into it.
  std::string path = output_path_in(dir, name, ".inventory.json");
  nlohmann::json j = inv;
  write_text_file(path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "inventory file");
  return path;
}

mcp::LaunchSpec live_launch_spec(const ScanRequest& request) {
  mcp::LaunchSpec spec;
  spec.argv = request.command;
  spec.sandbox.enabled = !request.unsandboxed;
  spec.sandbox.work_dir = request.work_dir;
  return spec;
}

LiveFetch fetch_live(const ScanRequest& request, const mcp::LiveHook& while_open) {
  require_isolation(request);
  mcp::LaunchSpec spec = live_launch_spec(request);
  mcp::LiveResult live;
  try {
    live = mcp::fetch_inventory_stdio(spec, request.limits, while_open);
  } catch (mcp::LiveScanFailed& e) {
    // Keep the evidence of what a failing server did; the caller reports the failure.
    if (e.sandbox) write_events_file(request, server_name_for(request), *e.sandbox);
    throw;
  }
  LiveFetch out;
  out.inventory = std::move(live.inventory);
  Inventory& inv = out.inventory;
  if (inv.server.name.empty()) inv.server.name = server_name_for(request);

  out.inventory_path = write_inventory_file(inv, request.inventory_dir, inv.server.name);
  if (live.sandbox) out.events_path = write_events_file(request, inv.server.name, *live.sandbox);
  out.sandbox = std::move(live.sandbox);
  return out;
}

Inventory fetch_live_inventory(const ScanRequest& request, std::string* written_path) {
  LiveFetch live = fetch_live(request);
  if (written_path) *written_path = live.inventory_path;
  return std::move(live.inventory);
}

ScanResult run_scan(const ScanRequest& request, const RuleSet& rules) {
  ScanResult result;
  result.tool_version = ASSAY_VERSION;
  result.rules = rule_catalogue(rules);
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
  auto starting = [&request](const std::string& target) {
    if (request.on_target) request.on_target(target);
  };
  for (size_t i = 0; i < dumps.size(); ++i) {
    starting(dump_files[i]);
    scan_loaded(dumps[i], dump_files[i], rules.metadata, result);
  }
  std::map<std::string, PhysicalLocation> declarations;  // tool name -> declaration in scanned source
  for (const auto& target : source_targets) {
    starting(target);
    scan_source_target(target, request, rules, result, declarations);
  }

  bool live = !request.command.empty();
  std::optional<mcp::SandboxOutcome> outcome;
  if (live) {
    std::string target = command_line(request.command);
    starting(target);
    std::string server = server_name_for(request);
    std::string events_path;
    // --- dynamic analysis: fuzz the sandboxed server while its session is open ---
    ScanRequest live_request = request;
    std::unique_ptr<dynamic::LiveFuzz> fuzz;
    mcp::LiveHook hook;
    if (request.fuzz && !request.unsandboxed && !rules.payloads.empty()) {
      fuzz = std::make_unique<dynamic::LiveFuzz>(*request.fuzz, rules.payloads, request.command);
      live_request.command = fuzz->command();
      live_request.work_dir = fuzz->work_dir().path();
      live_request.limits.total_timeout += std::chrono::milliseconds(static_cast<long>(request.fuzz->seconds * 1000) + 60000);
      hook = [&](mcp::StdioSession& session, const Inventory& listed) {
        fuzz->fuzz(live_launch_spec(live_request), live_request.limits, session, listed);
      };
    }
    // --- end dynamic ---
    try {
      LiveFetch fetched = fetch_live(live_request, hook);
      server = fetched.inventory.server.name;
      events_path = fetched.events_path;
      outcome = std::move(fetched.sandbox);
      // Re-read what was written, so locations index the exact bytes on disk.
      auto dump = targets::load_dump_file(fetched.inventory_path);
      scan_loaded(dump, target, rules.metadata, result);
      // --- dynamic analysis ---
      if (fuzz && fuzz->fuzzed()) {
        dynamic::LiveFuzz::Context context{server, events_path, outcome ? outcome->events : std::vector<sandbox::Event>{},
                                           fetched.inventory_path, {}, outcome ? outcome->level : std::string()};
        context.tool_location = [&declarations, &dump](const std::string& tool) {
          if (auto it = declarations.find(tool); it != declarations.end()) return it->second;
          for (const auto& t : dump.inventory.tools)
            if (t.name == tool) return dump.locator->locate(t.source_pointer);
          return PhysicalLocation{};
        };
        for (auto& f : fuzz->findings(context, rules.metadata, rules.dynamic, request.dynamic_report))
          result.findings.push_back(std::move(f));
        // The runtime rules judge start-up; what happened during the calls is the oracles' job.
        if (double first = fuzz->first_call_clock(); first >= 0 && outcome)
          std::erase_if(outcome->events, [first](const sandbox::Event& e) { return e.time >= first; });
      }
      // --- end dynamic ---
    } catch (const AssayError& e) {
      if (e.kind() != ErrorKind::target) throw;
      if (auto* failed_live = dynamic_cast<const mcp::LiveScanFailed*>(&e); failed_live && failed_live->sandbox) {
        outcome = failed_live->sandbox;
        events_path = output_path(request, server, ".events.jsonl");
      }
      ScannedTarget failed;
      failed.target = target;
      failed.server = server;
      failed.status = TargetStatus::failed;
      failed.error = e.what();
      failed.ran_unsandboxed = request.unsandboxed;
      result.targets.push_back(std::move(failed));
    }
    if (outcome) {
      result.targets.back().events_file = events_path;
      for (auto& f : behaviour::evaluate_behaviour(rules.runtime, outcome->events, {server, "start-up", events_path}))
        result.findings.push_back(std::move(f));
    }
  }
  // --- servers from client configs and URLs (scanner/scan/configured_scan.cpp) ---
  ConfiguredScanOutcome configured = scan_configured_servers(request, rules, result);
  live = live || configured.launched_stdio;
  // --- end configured servers ---
  // --- fleet view: cross-server findings once every target is scanned (scanner/fleet) ---
  std::vector<fleet::DeclaredServer> declared;
  for (const auto& s : request.configured) declared.push_back({configured_target_name(s), s.name, s.entry});
  fleet::add_fleet_findings(rules.fleet, declared, result);
  // --- end fleet view ---
  if (!request.lock_file.empty()) lock::verify_scan(request, rules, result);
  if (!live)
    result.sandbox_level = configured.contacted_remote ? "not applicable: remote servers over HTTP, no server code ran here"
                           : source_targets.empty()    ? "not applicable: offline inventory, no server code ran"
                                                       : "not applicable: static analysis, no server code ran";
  else if (request.unsandboxed) result.sandbox_level = "none: the server ran unsandboxed (--unsandboxed)";
  else if (outcome) result.sandbox_level = outcome->level;
  else if (!configured.sandbox_level.empty()) result.sandbox_level = configured.sandbox_level;
  else result.sandbox_level = sandbox::describe(sandbox::probe_sandbox_level());
  sort_findings(result.findings);
  sort_findings(result.suppressed);
  return result;
}

}  // namespace assay::scan
