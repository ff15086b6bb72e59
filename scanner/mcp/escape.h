// Quoting attacker-written bytes inside our own messages without letting them steer the terminal.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::mcp {

// Printable ASCII kept, everything else (control bytes, escape sequences, non-ASCII, bidi
// controls) shown as \n, \t, \r or \xNN; cut after max_bytes input bytes with "..." appended.
std::string escape_for_message(std::string_view bytes, size_t max_bytes);

}  // namespace assay::mcp
