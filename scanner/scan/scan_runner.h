// Orchestrates one scan: targets -> inventories -> metadata findings -> ScanResult.
#pragma once
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/code_scan.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/model/scan_result.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::scan {

struct ScanRequest {
  std::vector<std::string> files;       // offline inventories (dumps, inventory files)
  std::vector<std::string> command;     // a live stdio server's argv (after `--`), may be empty
  bool unsandboxed = false;             // required to launch `command` until the sandbox exists
  std::string inventory_dir = ".";      // where inventories of live servers are written
  mcp::ClientLimits limits;
  // Source directories and package tarballs among `files` are scanned statically with these.
  const std::vector<code::CodeRule>* code_rules = nullptr;
  code::CodeScanOptions code_options;
  bool show_suppressed = false;
};

// Scans every target. Input errors (unreadable or invalid files, launching without
// --unsandboxed) throw AssayError; a live server that cannot be scanned is recorded as a
// failed target instead, so the other targets' findings are still reported.
ScanResult run_scan(const ScanRequest& request, const rules::MetadataEngine& engine);

// What a live server declares, written as an inventory file; its path is returned through
// `written_path`. Used by `scan` and `inventory`.
Inventory fetch_live_inventory(const ScanRequest& request, std::string* written_path);

// Catalogue of enabled rules as reporters want it.
std::vector<RuleInfo> rule_catalogue(const rules::MetadataEngine& engine);
std::vector<RuleInfo> rule_catalogue(const rules::MetadataEngine& engine,
                                     const std::vector<code::CodeRule>& code_rules);

std::string command_line(const std::vector<std::string>& argv);

}  // namespace assay::scan
