// Glob matching: a small backtracking matcher, enough for .gitignore's dialect.
#include "scanner/code/glob.h"

namespace assay::code {
namespace {

// Matches one bracket class at p (p[0] == '['); returns the index after ']' or npos if the
// class is malformed (then '[' is literal). `ok` says whether c is in the class.
size_t match_class(std::string_view p, size_t i, char c, bool& ok) {
  size_t j = i + 1;
  bool negate = j < p.size() && (p[j] == '!' || p[j] == '^');
  if (negate) ++j;
  bool found = false;
  bool first = true;
  while (j < p.size() && (p[j] != ']' || first)) {
    first = false;
    char lo = p[j];
    if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      char hi = p[j + 2];
      if (c >= lo && c <= hi) found = true;
      j += 3;
    } else {
      if (c == lo) found = true;
      ++j;
    }
  }
  if (j >= p.size()) return std::string_view::npos;
  ok = found != negate && c != '/';
  return j + 1;
}

bool match_from(std::string_view p, size_t pi, std::string_view s, size_t si) {
  while (pi < p.size()) {
    char pc = p[pi];
    if (pc == '*') {
      bool double_star = pi + 1 < p.size() && p[pi + 1] == '*';
      if (double_star) {
        size_t next = pi + 2;
        bool segment = (pi == 0 || p[pi - 1] == '/') && (next == p.size() || p[next] == '/');
        if (segment) {
          if (next == p.size()) return true;  // "x/**": everything below
          // "**/": zero or more whole directories
          for (size_t k = si;; ) {
            if (match_from(p, next + 1, s, k)) return true;
            size_t slash = s.find('/', k);
            if (slash == std::string_view::npos) return false;
            k = slash + 1;
          }
        }
        // "a**b" behaves like "a*b" in git
        ++pi;
      }
      for (size_t k = si; k <= s.size(); ++k) {
        if (match_from(p, pi + 1, s, k)) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (si >= s.size()) return false;
    if (pc == '?') {
      if (s[si] == '/') return false;
      ++pi, ++si;
      continue;
    }
    if (pc == '[') {
      bool ok = false;
      size_t after = match_class(p, pi, s[si], ok);
      if (after != std::string_view::npos) {
        if (!ok) return false;
        pi = after, ++si;
        continue;
      }
    }
    if (pc == '\\' && pi + 1 < p.size()) pc = p[++pi];
    if (pc != s[si]) return false;
    ++pi, ++si;
  }
  return si == s.size();
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  return match_from(pattern, 0, path, 0);
}

bool path_filter_match(std::string_view pattern, std::string_view path) {
  if (pattern.find('/') == std::string_view::npos) {
    auto slash = path.rfind('/');
    return glob_match(pattern, slash == std::string_view::npos ? path : path.substr(slash + 1));
  }
  if (pattern.front() == '/') pattern.remove_prefix(1);
  return glob_match(pattern, path);
}

}  // namespace assay::code
