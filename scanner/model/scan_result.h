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
  std::string events_file;     // what the sandbox recorded, as JSON lines (sandboxed launches)
};

struct ScanResult {
  std::string tool_version;
  std::vector<RuleInfo> rules;        // every enabled rule, fired or not
  std::vector<Finding> findings;      // sorted with sort_findings
  std::vector<ScannedTarget> targets;
  // "full", "partial: <why>", "none: server ran unsandboxed (--unsandboxed)" or
  // "not applicable: offline inventory".
  std::string sandbox_level;
};

}  // namespace assay
