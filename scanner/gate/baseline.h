// A baseline: the fingerprints of an earlier mcp-assay report, so CI fails only on what is new.
#pragma once
#include <set>
#include <string>

#include "scanner/model/scan_result.h"

namespace assay::gate {

struct Baseline {
  std::string file;                   // as given
  std::string format;                 // "sarif" or "json": which of our reports it was
  std::set<std::string> fingerprints;  // every finding the earlier report listed
};

// Reads an earlier SARIF or JSON report of ours; which one is told by its shape. Throws
// AssayError(input) with one line naming the file for anything else.
Baseline load_baseline(const std::string& path);
Baseline parse_baseline(const std::string& text, const std::string& path);

// Marks the findings (and suppressed findings) whose fingerprint the baseline lists, and
// records in `result` that it was compared. Returns how many findings were baselined.
std::size_t apply_baseline(ScanResult& result, const Baseline& baseline);

}  // namespace assay::gate
