// Making attacker-written text safe to show a reviewer: every control or invisible character spelled out.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace assay::reports {

// True for characters a reader cannot see or that change how a terminal or renderer shows what
// follows: C0/C1 controls (ESC starts ANSI sequences), bidi overrides and isolates, zero-width and
// other format characters, Unicode tag characters, variation selectors, private-use characters.
bool is_hidden_character(char32_t code_point);

// The text with every hidden character written as \u{XXXX} and every byte of invalid UTF-8 as
// \x{XX}. When the result would exceed `max_code_points`, it is cut (never inside an escape) and
// ends with "…". Backslashes are left alone: a fake escape can only make a reviewer look closer.
std::string visible_text(std::string_view utf8, std::size_t max_code_points = std::string_view::npos);

// Text for markdown outside code spans: made visible, then every character markdown, HTML or a
// GitHub table gives a meaning to is backslash-escaped.
std::string markdown_text(std::string_view utf8, std::size_t max_code_points = std::string_view::npos);

// A GitHub-flavoured code span holding the text made visible: the backtick fence is longer than
// any backtick run inside, and pipes are escaped so the span cannot break out of a table cell.
std::string markdown_code_span(std::string_view utf8, std::size_t max_code_points = std::string_view::npos);

}  // namespace assay::reports
