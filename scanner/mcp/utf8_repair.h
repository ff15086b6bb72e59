// Replaces ill-formed UTF-8 with U+FFFD: a server may send any bytes, and the JSON library (and
// every report writer after it) refuses strings that are not valid UTF-8.
#pragma once
#include <string>

namespace assay::mcp {

// Rewrites each maximal ill-formed subsequence (overlongs, surrogates, > U+10FFFF, truncated
// sequences, stray continuation bytes) as U+FFFD. Returns whether anything was replaced.
bool repair_utf8(std::string& text);

}  // namespace assay::mcp
