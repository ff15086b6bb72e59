// JSON with comments (VS Code and Zed settings, Continue's config.json): comments and trailing
// commas are blanked to spaces so the text parses as JSON and every position stays where it was.
#pragma once
#include <string>

namespace assay::discovery {

// `//` and `/* */` comments outside strings and commas directly before `}` or `]` become
// spaces (newlines are kept), so line and column numbers of the result match the original.
std::string blank_jsonc_extras(std::string text);

}  // namespace assay::discovery
