// UTF-8 decoding that never fails: attacker bytes become U+FFFD, one per maximal invalid subpart.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace assay::text {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct CodePoint {
  char32_t value = 0;   // U+FFFD when the bytes are not valid UTF-8
  uint32_t length = 1;  // bytes consumed, at least 1
  bool valid = true;
};

// Decodes the code point starting at s[pos] (pos < s.size()). Overlong forms, surrogates and
// values above U+10FFFF are invalid, as Unicode requires (an attacker uses them to smuggle ASCII).
CodePoint decode_utf8(std::string_view s, size_t pos);

void append_utf8(std::string& out, char32_t cp);

bool is_valid_utf8(std::string_view s);

// "U+200B": how findings name a character a reader cannot see.
std::string code_point_label(char32_t cp);

}  // namespace assay::text
