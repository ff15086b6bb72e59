// The outcome of one `mcp-assay scan`: what reporters render and the CLI turns into an exit code.
#pragma once
#include <string>
#include <vector>

#include "scanner/model/finding.h"
#include "scanner/model/rule_info.h"

namespace assay {

enum class TargetStatus { scanned, failed };

struct ScannedTarget {
  std::string target;          // as the user gave it (a path, or the launch command line)
  std::string server;          // server name as declared or derived
  TargetStatus status = TargetStatus::scanned;
  std::string error;           // why it failed, one line
  bool ran_unsandboxed = false;  // target code ran on the host (--unsandboxed)
  std::string inventory_file;  // where the inventory that findings point into lives
  int tools = 0, prompts = 0, resources = 0, resource_templates = 0;
  // Source targets (a directory or package tarball scanned statically).
  int source_files = 0;              // files analysed
  std::vector<std::string> skipped;  // "path: why" for files left out (too large, ...)
  std::string events_file;     // what the sandbox recorded, as JSON lines (sandboxed launches)
};

struct ScanResult {
  std::string tool_version;
  std::vector<RuleInfo> rules;        // every enabled rule, fired or not
  std::vector<Finding> findings;      // sorted with sort_findings
  // Findings silenced by an inline `mcp-assay: ignore[MCPnnn] reason` comment: counted in every
  // report's summary, listed only with --show-suppressed (GitHub shows SARIF-suppressed
  // results as open alerts, so SARIF leaves them out by default).
  std::vector<Finding> suppressed;
  bool show_suppressed = false;
  std::vector<ScannedTarget> targets;
  // "full", "partial: <why>", "none: server ran unsandboxed (--unsandboxed)" or
  // "not applicable: offline inventory".
  std::string sandbox_level;
  // --- gate (scanner/gate/) ---
  std::string baseline_file;                 // --baseline as given; empty = not compared to a baseline
  std::vector<std::string> expired_ignores;  // one line each: where, what it ignored, when it expired
};

}  // namespace assay
