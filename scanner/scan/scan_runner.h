// Orchestrates one scan: targets -> inventories -> metadata findings -> ScanResult.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "scanner/discovery/configured_server.h"
#include "scanner/dynamic/live_fuzz.h"
#include "scanner/code/code_rule.h"
#include "scanner/code/code_scan.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/model/scan_result.h"
#include "scanner/scan/rule_set.h"
#include "scanner/targets/dump_loader.h"

namespace assay::scan {

struct ScanRequest {
  std::vector<std::string> files;       // offline inventories (dumps, inventory files)
  std::vector<std::string> command;     // a live stdio server's argv (after `--`), may be empty
  bool unsandboxed = false;             // launch `command` on the host instead of in the sandbox
  std::string inventory_dir = ".";      // where inventories of live servers are written
  mcp::ClientLimits limits;
  // --- servers from client configs (--discover, CONFIG files) and --url ---
  std::vector<discovery::ConfiguredServer> configured;
  bool config_only = false;       // check the configs; launch and contact nothing
  // --- end configured servers ---
  // Source directories and package tarballs among `files` are scanned statically with these.
  code::CodeScanOptions code_options;
  bool show_suppressed = false;
  // --- dynamic analysis (scanner/dynamic) ---
  std::optional<dynamic::DynamicOptions> fuzz;        // fuzz the tools of a sandboxed `command`
  dynamic::DynamicReport* dynamic_report = nullptr;   // filled when it was fuzzed
  std::string work_dir;                               // host dir for the sandbox's work dir ("" = tmpfs)
  // --- end dynamic ---
  // Called as each file target and the launched server start (the CLI's progress line).
  std::function<void(const std::string& target)> on_target;
  std::string lock_file;  // --lock: verify every server against this lockfile (scanner/lock/)
};

// Scans every target. Input errors (unreadable or invalid files, a host that cannot isolate a
// server when --unsandboxed was not given) throw AssayError; a live server that cannot be
// scanned is recorded as a failed target instead, so the other targets' findings (and what
// the sandbox saw it do before it failed) are still reported.
ScanResult run_scan(const ScanRequest& request, const RuleSet& rules);

// A live server's declarations, written as an inventory file, and what the sandbox recorded,
// written beside it as JSON lines (events_path; empty for an unsandboxed launch).
struct LiveFetch {
  Inventory inventory;
  std::string inventory_path;
  std::optional<mcp::SandboxOutcome> sandbox;
  std::string events_path;
};
// Throws AssayError(usage) when the sandbox is unavailable and --unsandboxed was not given,
// mcp::LiveScanFailed when the server fails after launch (its events are written first).
LiveFetch fetch_live(const ScanRequest& request, const mcp::LiveHook& while_open = {});
// How fetch_live launches `request.command` (also how the fuzzer restarts a crashed server).
mcp::LaunchSpec live_launch_spec(const ScanRequest& request);
// fetch_live for `inventory`: the inventory, with its written path through `written_path`.
Inventory fetch_live_inventory(const ScanRequest& request, std::string* written_path);

std::string command_line(const std::vector<std::string>& argv);

// --- shared with configured_scan.cpp ---
// Writes `inv` as DIR/NAME.inventory.json (NAME made file-safe) and returns the path.
std::string write_inventory_file(const Inventory& inv, const std::string& dir, const std::string& name);
// Writes what the sandbox recorded as DIR/NAME.events.jsonl (one event per line) and returns the path.
std::string write_events_file(const ScanRequest& request, const std::string& server, const mcp::SandboxOutcome& outcome);
void scan_loaded(const targets::LoadedDump& dump, const std::string& target, const rules::MetadataEngine& engine,
                 ScanResult& result);

struct ConfiguredScanOutcome {
  bool launched_stdio = false;
  bool contacted_remote = false;
  std::string sandbox_level;  // of the first configured server that ran sandboxed
};
// Config findings (rules/config) for every configured server, then its live inventory: stdio
// servers launched (only with --unsandboxed), URL servers contacted; failures become failed
// targets. Findings fall back to, and always also point at, the config entry.
// "client:name (file:line)": how a configured server's target is named in reports.
std::string configured_target_name(const discovery::ConfiguredServer& s);
ConfiguredScanOutcome scan_configured_servers(const ScanRequest& request, const RuleSet& rules,
                                              ScanResult& result);
// --- end shared ---

}  // namespace assay::scan
