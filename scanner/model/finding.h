// The finding model: what every analyzer returns and every reporter renders.
#pragma once
#include <string>
#include <vector>

#include "scanner/model/severity.h"

namespace assay {

// A place in a file. Lines and columns are 1-based; columns count Unicode code points,
// as SARIF's columnKind "unicodeCodePoints" does.
struct PhysicalLocation {
  std::string file;       // path as given to the scanner (relative paths stay relative)
  int start_line = 0;     // 0 = unknown
  int start_column = 0;
  int end_line = 0;
  int end_column = 0;     // exclusive, as SARIF's endColumn
};

struct Location {
  PhysicalLocation physical;  // physical.file empty = none known
  // server/tools/NAME/inputSchema/properties/X/description, or server/instructions, ...
  std::string logical;
};

struct Finding {
  std::string rule_id;        // MCP001
  std::string rule_name;      // hidden-instruction-markers
  Severity severity = Severity::info;
  Confidence confidence = Confidence::low;
  std::string message;        // one sentence, with the specifics of this finding
  std::string evidence;       // the exact text, field or event that triggered it
  std::string server;         // server name the finding belongs to
  std::vector<Location> locations;  // first one is primary
  std::string fingerprint;    // stable content-based id; see compute_fingerprint
  // Why an inline `mcp-assay: ignore[...]` silenced it; empty for findings that stand.
  std::string suppression_reason;
  // --- gate (scanner/gate/) ---
  // Its fingerprint is in the --baseline report: it stays in the report but not toward --fail-on.
  bool baselined = false;
  // "FILE:LINE" of the ignore-file entry that silenced it; empty = an inline comment did.
  std::string suppressed_by;
};

// Hex digest over what the finding *is* (rule, server, logical location, normalized evidence),
// never over line numbers, so a finding survives an unrelated edit above it.
std::string compute_fingerprint(const Finding& f);

// Orders findings for output: severity (highest first), then server, location, rule.
void sort_findings(std::vector<Finding>& findings);

}  // namespace assay
