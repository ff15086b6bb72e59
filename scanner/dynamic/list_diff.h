// Diff of two listings of a server's declarations (tools by name, prompts by name, resources by
// URI): what a runtime rug pull changed, readable line by line.
#pragma once
#include <string>
#include <vector>

#include "scanner/dynamic/trace.h"

namespace assay::dynamic {

// One line per change: "tool 'add': description changed: \"Adds\" -> \"Adds. <IMPORTANT>...\"",
// "tool 'x' added", "prompt 'p' removed", "tool 'y': inputSchema changed: /properties/z added".
// Values are escaped and bounded. Empty when nothing changed.
std::vector<std::string> diff_declarations(const Declarations& before, const Declarations& after);

}  // namespace assay::dynamic
