// Words, canonical forms and edit distances of tool names.
#include "scanner/fleet/tool_names.h"

#include <algorithm>

namespace assay::fleet {
namespace {

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alnum = is_lower(c) || is_upper(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
    if (!alnum) {
      flush();
      continue;
    }
    if (!word.empty()) {
      char p = name[i - 1];
      // camelCase boundary, the end of an acronym ("HTTPServer" -> http, server), and digit runs.
      bool camel = is_upper(c) && is_lower(p);
      bool acronym_end = is_upper(c) && is_upper(p) && i + 1 < name.size() && is_lower(name[i + 1]);
      bool digit_edge = is_digit(c) != is_digit(p) && static_cast<unsigned char>(p) < 0x80 &&
                        static_cast<unsigned char>(c) < 0x80;
      if (camel || acronym_end || digit_edge) flush();
    }
    word.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  flush();
  return words;
}

std::string canonical_name(std::string_view name) {
  std::string out;
  for (const auto& w : name_words(name)) out += w;
  return out;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (static_cast<int>(b.size() - a.size()) > limit) return limit + 1;
  const size_t n = a.size(), m = b.size();
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    prev2.swap(prev);
    prev.swap(cur);
  }
  return std::min(prev[m], limit + 1);
}

bool plural_pair(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (!b.starts_with(a)) return false;
  std::string_view tail = b.substr(a.size());
  return tail == "s" || tail == "es";
}

}  // namespace assay::fleet
