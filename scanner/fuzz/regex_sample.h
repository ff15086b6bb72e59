// Writes a string that a JSON Schema `pattern` matches, for the regex subset real schemas use:
// literals, escapes (\d \w \s \xHH \uHHHH ...), classes with ranges and negation, `.`, groups
// (capturing, (?:), named), alternation, quantifiers (* + ? {n} {n,} {n,m}, lazy or not),
// anchors. Look-around and back-references are refused (nullopt), so is anything RE2 then does
// not confirm: the caller falls back to a plain value.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace assay::fuzz {

struct LengthBounds {
  std::size_t min = 0;
  std::size_t max = 64 * 1024;  // code points
};

// `salt` picks other alternatives and characters, for distinct values (uniqueItems).
std::optional<std::string> sample_matching(const std::string& pattern, LengthBounds length, int salt = 0);

}  // namespace assay::fuzz
