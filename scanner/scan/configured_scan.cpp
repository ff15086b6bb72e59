// Scanning the servers a client config declares (or --url names): the config's own findings,
// then each server's live inventory, with every finding also pointing at the config entry.
#include <set>

#include "sandbox/level.h"
#include "scanner/behaviour/behaviour_engine.h"
#include "scanner/discovery/config_rules.h"
#include "scanner/discovery/expand_references.h"
#include "scanner/discovery/redact.h"
#include "scanner/discovery/server_view.h"
#include "scanner/mcp/http_client.h"
#include "scanner/model/error.h"
#include "scanner/scan/scan_runner.h"

namespace assay::scan {

std::string configured_target_name(const discovery::ConfiguredServer& s) {
  std::string where = s.entry.file.empty() ? "" : " (" + s.entry.file + ":" + std::to_string(s.entry.start_line) + ")";
  return s.client + ":" + s.name + where;
}

namespace {

using discovery::ConfiguredServer;
using discovery::Transport;

// `sandboxed` receives what the sandbox recorded of a stdio server, also when it then fails.
Inventory fetch(const ConfiguredServer& s, const ScanRequest& request, std::vector<std::string>& warnings,
                std::optional<mcp::SandboxOutcome>& sandboxed) {
  std::vector<std::string> unresolved;
  auto expand = [&unresolved](const std::string& v) { return discovery::expand_references(v, &unresolved); };
  Inventory inv;
  if (s.transport == Transport::stdio) {
    mcp::LaunchSpec spec;
    spec.argv.push_back(expand(s.command));
    for (const auto& a : s.args) spec.argv.push_back(expand(a.value));
    for (const auto& e : s.env) spec.extra_env.emplace_back(e.key, expand(e.value));
    spec.working_dir = expand(s.cwd);
    spec.sandbox.enabled = !request.unsandboxed;
    try {
      mcp::LiveResult live = mcp::fetch_inventory_stdio(spec, request.limits);
      sandboxed = std::move(live.sandbox);
      inv = std::move(live.inventory);
    } catch (mcp::LiveScanFailed& e) {
      sandboxed = e.sandbox;
      throw;
    }
  } else {
    mcp::RemoteSpec spec;
    spec.url = expand(s.url.value);
    // A bad URL in one config entry fails that server, not the whole scan.
    if (std::string why; !mcp::valid_http_url(spec.url, &why))
      throw target_error("not a usable server URL: " + discovery::shown_url(spec.url) + ": " + why);
    for (const auto& h : s.headers) spec.headers.emplace_back(h.key, expand(h.value));
    spec.transport = s.transport == Transport::sse ? mcp::HttpTransport::sse : mcp::HttpTransport::streamable_http;
    inv = mcp::fetch_inventory_http(spec, request.limits).inventory;
  }
  for (const auto& u : std::set<std::string>(unresolved.begin(), unresolved.end()))
    warnings.push_back("the config refers to " + u + ", which is not set here; it was passed as written");
  return inv;
}

// The config entry is where a dashboard should point when nothing better is known, and a
// useful second location when something is.
void point_at_config(std::vector<Finding>& findings, size_t from, const ConfiguredServer& s) {
  if (s.entry.file.empty()) return;
  for (size_t i = from; i < findings.size(); ++i) {
    Location entry{s.entry, "config/" + s.client + "/" + s.name};
    auto& locs = findings[i].locations;
    if (locs.empty() || locs.front().physical.file.empty()) {
      std::string logical = locs.empty() ? entry.logical : locs.front().logical;
      if (locs.empty()) locs.push_back(entry);
      locs.front().physical = s.entry;
      locs.front().logical = logical;
    } else if (locs.front().physical.file != s.entry.file) {
      locs.push_back(entry);
    }
  }
}

}  // namespace

ConfiguredScanOutcome scan_configured_servers(const ScanRequest& request, const RuleSet& rules,
                                              ScanResult& result) {
  ConfiguredScanOutcome outcome;
  if (request.configured.empty()) return outcome;

  // Config rules enter the catalogue only when configs are scanned, as they only fire then.
  for (const auto& r : rules.config) result.rules.push_back(r.info);
  if (!request.config_only && !request.unsandboxed)
    for (const auto& s : request.configured)
      if (s.transport == Transport::stdio && !s.disabled &&
          sandbox::probe_sandbox_level().level == sandbox::IsolationLevel::none)
        throw usage_error("the config declares stdio servers (" + configured_target_name(s) +
                          ", ...) and this machine cannot isolate them in the sandbox: pass --unsandboxed to run "
                          "them here without isolation, or --config-only to check only the configs");

  for (const auto& s : request.configured) {
    // --url servers have no config file: what the user typed is not a config finding.
    if (!s.entry.file.empty())
      for (auto& f : discovery::check_configured_server(rules.config, s)) result.findings.push_back(std::move(f));
    if (request.config_only || s.disabled) continue;

    std::string target = configured_target_name(s);
    size_t first_new = result.findings.size();
    std::optional<mcp::SandboxOutcome> sandboxed;
    try {
      std::vector<std::string> warnings;
      Inventory inv = fetch(s, request, warnings, sandboxed);
      inv.warnings.insert(inv.warnings.end(), warnings.begin(), warnings.end());
      if (inv.server.name.empty()) inv.server.name = s.name;
      std::string path = write_inventory_file(inv, request.inventory_dir, s.client + "-" + s.name);
      scan_loaded(targets::load_dump_file(path), target, rules.metadata, result);
      result.targets.back().ran_unsandboxed = s.transport == Transport::stdio && request.unsandboxed;
      point_at_config(result.findings, first_new, s);
    } catch (const AssayError& e) {
      if (e.kind() != ErrorKind::target) throw;
      ScannedTarget failed;
      failed.target = target;
      failed.server = s.name;
      failed.status = TargetStatus::failed;
      failed.error = e.what();
      failed.ran_unsandboxed = s.transport == Transport::stdio && request.unsandboxed;
      result.targets.push_back(std::move(failed));
    }
    // What the server did while it started and listed, judged like a command-line server's.
    if (sandboxed) {
      std::string name = s.client + "-" + s.name;
      std::string events = write_events_file(request, name, *sandboxed);
      result.targets.back().events_file = events;
      size_t first_runtime = result.findings.size();
      for (auto& f : behaviour::evaluate_behaviour(rules.runtime, sandboxed->events, {s.name, "start-up", events}))
        result.findings.push_back(std::move(f));
      point_at_config(result.findings, first_runtime, s);
      if (outcome.sandbox_level.empty()) outcome.sandbox_level = sandboxed->level;
    }
    (s.transport == Transport::stdio ? outcome.launched_stdio : outcome.contacted_remote) = true;
  }
  return outcome;
}

}  // namespace assay::scan
