// Word-level diff and edit size of attacker-written text, bounded in time and output.
#include "scanner/lock/text_diff.h"

#include <algorithm>
#include <set>

#include "scanner/mcp/escape.h"

namespace assay::lock {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string collapse(std::string_view s) {
  std::string out;
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Above this many cells the middle of a diff is shown as replaced wholesale: a hostile server
// can send megabytes of description, and a quadratic table of that would stall the scan.
constexpr size_t kMaxLcsCells = 4'000'000;

enum class Op { keep, del, ins };

std::vector<std::pair<Op, std::string_view>> diff_words(const std::vector<std::string_view>& a,
                                                        const std::vector<std::string_view>& b) {
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  std::vector<std::pair<Op, std::string_view>> out;
  for (size_t i = 0; i < pre; ++i) out.push_back({Op::keep, a[i]});
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  if (n * m <= kMaxLcsCells && n > 0 && m > 0) {
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (size_t i = n; i-- > 0;)
      for (size_t j = m; j-- > 0;)
        lcs[i][j] = a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[pre + i] == b[pre + j]) {
        out.push_back({Op::keep, a[pre + i]});
        ++i, ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push_back({Op::del, a[pre + i++]});  // removed words read first, then what replaced them
      } else {
        out.push_back({Op::ins, b[pre + j++]});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) out.push_back({Op::del, a[pre + i]});
    for (size_t j = 0; j < m; ++j) out.push_back({Op::ins, b[pre + j]});
  }
  for (size_t i = a.size() - suf; i < a.size(); ++i) out.push_back({Op::keep, a[i]});
  return out;
}

std::string escaped(std::string_view s) { return mcp::escape_for_message(s, 200); }

}  // namespace

bool same_but_whitespace(std::string_view a, std::string_view b) { return collapse(a) == collapse(b); }

size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit) {
  size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  const size_t big = limit + 1;
  // Only cells within `limit` of the diagonal can stay under the limit; the rest count as big.
  std::vector<size_t> prev(m + 1, big), cur(m + 1, big);
  for (size_t j = 0; j <= std::min(m, limit); ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    size_t lo = i > limit ? i - limit : 0, hi = std::min(m, i + limit);
    if (lo > 0) cur[lo - 1] = big;
    cur[lo] = lo == 0 ? i : big;
    size_t row_min = cur[lo];
    for (size_t j = std::max<size_t>(lo, 1); j <= hi; ++j) {
      size_t best = std::min({prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1});
      cur[j] = std::min(best, big);
      row_min = std::min(row_min, cur[j]);
    }
    if (hi < m) cur[hi + 1] = big;
    if (row_min > limit) return big;
    std::swap(prev, cur);
  }
  return std::min(prev[m], big);
}

bool typo_level_edit(std::string_view a, std::string_view b) {
  std::string ca = collapse(a), cb = collapse(b);
  size_t longer = std::max(ca.size(), cb.size());
  size_t limit = std::min<size_t>(12, std::max<size_t>(3, longer / 20));
  return bounded_edit_distance(ca, cb, limit) <= limit;
}

std::string word_diff(std::string_view before, std::string_view after, size_t max_bytes) {
  auto a = words(before), b = words(after);
  auto ops = diff_words(a, b);
  // Keep the words within 3 of a change; elide the rest.
  std::vector<bool> shown(ops.size(), false);
  for (size_t i = 0; i < ops.size(); ++i)
    if (ops[i].first != Op::keep)
      for (size_t k = i > 3 ? i - 3 : 0; k < std::min(ops.size(), i + 4); ++k) shown[k] = true;
  std::string out;
  bool elided = false;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (!shown[i]) {
      if (!elided) out += out.empty() ? "..." : " ...";
      elided = true;
      continue;
    }
    elided = false;
    Op op = ops[i].first;
    // Consecutive words of one kind go inside one bracket.
    std::string run(escaped(ops[i].second));
    while (i + 1 < ops.size() && ops[i + 1].first == op && op != Op::keep && shown[i + 1])
      run += " " + escaped(ops[++i].second);
    if (!out.empty() && !out.ends_with(" ")) out += ' ';
    out += op == Op::keep ? run : op == Op::del ? "[-" + run + "-]" : "{+" + run + "+}";
    if (out.size() > max_bytes) {
      out.resize(max_bytes);
      return out + " ...";
    }
  }
  return out;
}

std::vector<std::string> added_sentences(std::string_view before, std::string_view after) {
  auto split = [](std::string_view s) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
      bool end = c == '.' || c == '!' || c == '?' || c == '\n';
      if (!end) cur += c;
      if (end || cur.size() > 2000) {
        if (auto t = collapse(cur); !t.empty()) out.push_back(t);
        cur.clear();
      }
    }
    if (auto t = collapse(cur); !t.empty()) out.push_back(t);
    return out;
  };
  auto old = split(before);
  std::set<std::string> known(old.begin(), old.end());
  std::vector<std::string> out;
  for (auto& s : split(after))
    if (!known.count(s)) out.push_back(std::move(s));
  return out;
}

}  // namespace assay::lock
