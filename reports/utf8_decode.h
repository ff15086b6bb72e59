// Decoding UTF-8 one code point at a time, replacing invalid bytes the way browsers and Node do.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::reports {

struct DecodedCodePoint {
  char32_t code_point;  // U+FFFD when the bytes were not valid UTF-8
  std::size_t length;   // bytes consumed, at least 1
  bool valid;
};

// Decodes the code point at `pos` (< text.size()). Invalid input consumes its "maximal subpart"
// (WHATWG Encoding Standard), which is what V8 does, so our line hashes match codeql-action's.
DecodedCodePoint decode_utf8_at(std::string_view text, std::size_t pos);

// Number of code points, counted as SARIF's columnKind "unicodeCodePoints" does.
std::size_t count_code_points(std::string_view text);

void append_utf8(std::string& out, char32_t code_point);

}  // namespace assay::reports
