// JSON Schema `pattern`s are ECMAScript regexes; this compiles the ones RE2 can run (most, after
// small rewrites) and says which it cannot (look-around, back-references), never throwing.
#pragma once
#include <re2/re2.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace assay::fuzz {

// ECMAScript syntax RE2 spells differently: named groups `(?<n>` become `(?P<n>`, `\/` and
// other escaped punctuation stay as they are (RE2 accepts them), `\d` stays ASCII.
std::string ecma_to_re2(const std::string& pattern);

class PatternCache {
 public:
  // nullptr when RE2 rejects the pattern (the caller treats it as unchecked).
  const RE2* get(const std::string& ecma_pattern);
  // true / false when the pattern compiles; nullopt when it cannot be checked.
  std::optional<bool> search(const std::string& ecma_pattern, const std::string& text);

 private:
  std::map<std::string, std::unique_ptr<RE2>> compiled_;
};

}  // namespace assay::fuzz
