// ECMAScript pattern -> RE2, with a cache.
#include "scanner/fuzz/ecma_pattern.h"

#include <algorithm>
#include <cctype>

namespace assay::fuzz {

std::string ecma_to_re2(const std::string& pattern) {
  std::string out;
  out.reserve(pattern.size() + 8);
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      // \uHHHH is ECMAScript's; RE2 spells it \x{HHHH}.
      if (pattern[i + 1] == 'u' && i + 5 < pattern.size() &&
          std::all_of(pattern.begin() + i + 2, pattern.begin() + i + 6, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
        out += "\\x{" + pattern.substr(i + 2, 4) + "}";
        i += 5;
        continue;
      }
      out += pattern[i];
      out += pattern[++i];
      continue;
    }
    if (pattern.compare(i, 3, "(?<") == 0 && i + 3 < pattern.size() && pattern[i + 3] != '=' && pattern[i + 3] != '!') {
      out += "(?P<";
      i += 2;
      continue;
    }
    out += pattern[i];
  }
  return out;
}

const RE2* PatternCache::get(const std::string& ecma_pattern) {
  auto it = compiled_.find(ecma_pattern);
  if (it == compiled_.end()) {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(8 << 20);  // a hostile pattern cannot make RE2 eat the scanner's memory
    auto re = std::make_unique<RE2>(ecma_to_re2(ecma_pattern), opts);
    if (!re->ok()) re.reset();
    if (compiled_.size() > 1024) compiled_.clear();
    it = compiled_.emplace(ecma_pattern, std::move(re)).first;
  }
  return it->second.get();
}

std::optional<bool> PatternCache::search(const std::string& ecma_pattern, const std::string& text) {
  const RE2* re = get(ecma_pattern);
  if (!re) return std::nullopt;
  return RE2::PartialMatch(text, *re);
}

}  // namespace assay::fuzz
