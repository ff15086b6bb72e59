// Which declared thing of a server a finding is about, for grouping findings in human reports.
#pragma once
#include <array>
#include <cstddef>
#include <string>

#include "scanner/model/scan_result.h"

namespace assay::reports {

// "tool NAME", "prompt NAME", "resource NAME", "resource template NAME", or "server" for the
// server-wide fields (instructions, capabilities) and source code; taken from the logical location
// SERVER/tools/NAME/... of the finding's primary location.
std::string finding_entity(const Finding& finding);

// Findings per severity, indexed by static_cast<int>(Severity).
std::array<std::size_t, 5> count_by_severity(const ScanResult& scan);

}  // namespace assay::reports
