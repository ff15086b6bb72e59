// GitHub's primaryLocationLineHash, computed exactly as github/codeql-action does when it uploads SARIF.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::reports {

// The "hex:count" hash of every line of a file's content; element 0 is line 1. Lines are counted
// as codeql-action counts them (CR, LF and CRLF each end a line), and a file ending in a line break
// gets one more, empty, last line. Supplying the same value GitHub would compute keeps alerts
// matched across uploads instead of closing and reopening them.
std::vector<std::string> line_hashes(std::string_view utf8_content);

}  // namespace assay::reports
