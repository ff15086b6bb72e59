// Finds `mcp-assay: ignore[...]` comments next to a finding.
#include "scanner/code/suppression.h"

#include <re2/re2.h>

namespace assay::code {
namespace {

std::string_view nth_line(std::string_view text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

std::optional<SuppressionCheck> check_line(std::string_view line_text, int line, std::string_view rule_id) {
  // In a comment: `//`, `#`, `/*` or a `*` continuation before the marker.
  static const RE2 kIgnore(R"re((?://|#|/\*|^\s*\*).*?mcp-assay:\s*ignore\[([A-Za-z0-9_, ]+)\]\s*(.*))re");
  std::string ids, reason;
  if (!RE2::PartialMatch(re2::StringPiece(line_text.data(), line_text.size()), kIgnore, &ids, &reason))
    return std::nullopt;
  bool named = false;
  size_t i = 0;
  while (i < ids.size()) {
    size_t end = ids.find_first_of(", ", i);
    if (end == std::string::npos) end = ids.size();
    if (std::string_view(ids).substr(i, end - i) == rule_id) named = true;
    i = end + 1;
  }
  if (!named) return std::nullopt;
  // A reason is words, not the end of a block comment or punctuation.
  for (std::string_view tail : {"*/", "-->"})
    if (reason.size() >= tail.size() && reason.compare(reason.size() - tail.size(), tail.size(), tail) == 0)
      reason.resize(reason.size() - tail.size());
  while (!reason.empty() && (reason.back() == ' ' || reason.back() == '\t' || reason.back() == '\r')) reason.pop_back();
  size_t first = reason.find_first_not_of(" \t-:—");
  reason = first == std::string::npos ? std::string() : reason.substr(first);
  SuppressionCheck c;
  c.suppression.line = line;
  c.suppression.reason = reason;
  c.state = RE2::PartialMatch(reason, "[A-Za-z]{2,}") ? SuppressionState::suppressed
                                                       : SuppressionState::missing_reason;
  return c;
}

}  // namespace

SuppressionCheck check_suppression(std::string_view text, int line, std::string_view rule_id) {
  SuppressionCheck result;
  for (int l : {line, line - 1}) {
    if (l < 1) continue;
    if (auto c = check_line(nth_line(text, l), l, rule_id)) {
      if (c->state == SuppressionState::suppressed) return *c;
      result = *c;
    }
  }
  return result;
}

}  // namespace assay::code
