// Applies the project config's ignore entries: a matching finding becomes suppressed, with the
// entry's reason and place, unless the entry has expired.
#pragma once
#include <string>
#include <vector>

#include "scanner/gate/project_config.h"
#include "scanner/model/scan_result.h"

namespace assay::gate {

// The tool a finding is about (from a logical location SERVER/tools/NAME/...), or "".
std::string tool_of(const Finding& finding);

bool ignore_matches(const IgnoreEntry& entry, const Finding& finding);

// True when `today` (YYYY-MM-DD) is after the entry's last day.
bool ignore_expired(const IgnoreEntry& entry, const std::string& today);

// Moves every finding a live entry matches into result.suppressed (reason and FILE:LINE
// recorded) and lists expired entries in result.expired_ignores, one line each. Returns how
// many findings were ignored.
std::size_t apply_ignores(ScanResult& result, const std::vector<IgnoreEntry>& entries, const std::string& today);

}  // namespace assay::gate
