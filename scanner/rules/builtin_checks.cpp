// The Unicode checks behind `check:` rules, over the text layer's findings.
#include "scanner/rules/builtin_checks.h"

#include "scanner/text/identifier_checks.h"

namespace assay::rules {
namespace {

text::InvisibleKind invisible_kind_of(BuiltinCheck c) {
  switch (c) {
    case BuiltinCheck::tag_characters: return text::InvisibleKind::tag_characters;
    case BuiltinCheck::zero_width: return text::InvisibleKind::zero_width;
    case BuiltinCheck::bidi_controls: return text::InvisibleKind::bidi_control;
    case BuiltinCheck::ansi_escapes: return text::InvisibleKind::ansi_escape;
    default: return text::InvisibleKind::other_format;
  }
}

// Long runs of blank space push the rest of a description below or beside what a client's
// approval dialog shows, so a reviewer sees a harmless first line and the model sees it all.
// Thresholds sit well above what formatting needs: indentation of a template literal in the
// server's source (real servers indent continuation lines by 20-50 spaces), a blank line
// between sections.
constexpr int kPaddingMidLine = 40;     // spaces between two words on one line
constexpr int kPaddingIndent = 120;     // spaces at the start of a line
constexpr int kPaddingBlankLines = 8;   // consecutive empty lines

std::vector<std::string> whitespace_padding(std::string_view text) {
  std::vector<std::string> seen;
  auto report = [&](size_t at, const std::string& what) {
    seen.push_back(what + " at byte " + std::to_string(at) + ", followed by \"" + std::string(text.substr(at, 60)) + "\"");
  };
  int blank_lines = 0;
  bool line_start = true, line_blank = true;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == ' ' || c == '\t') {
      size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) ++j;
      int run = static_cast<int>(j - i);
      bool followed_by_text = j < text.size() && text[j] != '\n' && text[j] != '\r';
      if (followed_by_text && run >= (line_start ? kPaddingIndent : kPaddingMidLine))
        report(j, std::to_string(run) + " spaces of padding");
      i = j;
      continue;
    }
    if (c == '\n') {
      blank_lines = line_blank ? blank_lines + 1 : 0;
      if (blank_lines == kPaddingBlankLines) {
        size_t next = text.find_first_not_of(" \t\r\n", i);
        if (next != std::string_view::npos) report(next, std::to_string(kPaddingBlankLines) + "+ blank lines of padding");
      }
      line_start = line_blank = true;
    } else if (c != '\r') {
      line_start = line_blank = false;
    }
    ++i;
  }
  return seen;
}

}  // namespace

std::vector<std::string> run_builtin_check(BuiltinCheck check, std::string_view text,
                                           const InvisibleRunsFn& invisible_runs) {
  std::vector<std::string> seen;
  if (check == BuiltinCheck::none) return seen;
  if (check == BuiltinCheck::whitespace_padding) return whitespace_padding(text);
  if (check == BuiltinCheck::confusable_identifier) {
    if (auto issue = text::check_identifier(text)) seen.push_back(issue->kind + ": " + issue->detail);
    return seen;
  }
  const auto kind = invisible_kind_of(check);
  for (const auto& run : invisible_runs()) {
    if (run.kind != kind) continue;
    std::string evidence = run.describe;
    if (!run.decoded.empty()) evidence += ": \"" + run.decoded + "\"";
    seen.push_back(std::move(evidence));
  }
  return seen;
}

}  // namespace assay::rules
