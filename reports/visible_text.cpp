// Escaping of hidden characters (ANSI escapes, bidi overrides, zero-width and tag characters) and of
// markdown syntax: a tool description can be written to hide its payload from the person reviewing it.
#include "reports/visible_text.h"

#include <algorithm>
#include <cstdio>

#include "reports/utf8_decode.h"

namespace assay::reports {
namespace {

struct Range {
  char32_t first, last;
};

// Cc, Cf, Zl, Zp, Co, the default-ignorable code points and the Hangul fillers that render as blank.
constexpr Range kHidden[] = {
    {0x0000, 0x001F},   {0x007F, 0x009F},   {0x00AD, 0x00AD},   {0x034F, 0x034F},
    {0x0600, 0x0605},   {0x061C, 0x061C},   {0x06DD, 0x06DD},   {0x070F, 0x070F},
    {0x0890, 0x0891},   {0x08E2, 0x08E2},   {0x115F, 0x1160},   {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x200B, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x206F},
    {0x3164, 0x3164},   {0xD800, 0xDFFF},   {0xE000, 0xF8FF},   {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x110BD, 0x110BD},
    {0x110CD, 0x110CD}, {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A},
    {0xE0000, 0xE0FFF}, {0xF0000, 0x10FFFF},
};

std::string escape_code_point(char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
  return buf;
}

std::string escape_byte(unsigned char b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\x{%02X}", b);
  return buf;
}

constexpr std::string_view kEllipsis = "…";

}  // namespace

bool is_hidden_character(char32_t cp) {
  return std::any_of(std::begin(kHidden), std::end(kHidden),
                     [cp](const Range& r) { return cp >= r.first && cp <= r.last; });
}

std::string visible_text(std::string_view text, std::size_t max_code_points) {
  std::string out;
  std::size_t shown = 0;  // code points in `out`; escapes are ASCII, one code point per byte
  for (std::size_t pos = 0; pos < text.size();) {
    const DecodedCodePoint d = decode_utf8_at(text, pos);
    std::string piece;
    if (!d.valid) {
      for (std::size_t i = 0; i < d.length; ++i) piece += escape_byte(static_cast<unsigned char>(text[pos + i]));
    } else if (is_hidden_character(d.code_point)) {
      piece = escape_code_point(d.code_point);
    } else {
      piece.assign(text.substr(pos, d.length));
    }
    const std::size_t piece_points = d.valid && !is_hidden_character(d.code_point) ? 1 : piece.size();
    if (max_code_points != std::string_view::npos && shown + piece_points > max_code_points) {
      out += kEllipsis;
      return out;
    }
    out += piece;
    shown += piece_points;
    pos += d.length;
  }
  return out;
}

std::string markdown_text(std::string_view text, std::size_t max_code_points) {
  // CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start
  // emphasis, links, HTML, headings, code, strikethrough, math ($) or end a table cell (|).
  // Escaping ':' and '.' also keeps GitHub from autolinking an attacker's http:// or www. text.
  constexpr std::string_view kSpecial = "\\`*_{}[]<>()#+-.!|~&$:";
  std::string out;
  for (char c : visible_text(text, max_code_points)) {
    if (kSpecial.find(c) != std::string_view::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string markdown_code_span(std::string_view text, std::size_t max_code_points) {
  const std::string shown = visible_text(text, max_code_points);
  std::size_t longest_run = 0, run = 0;
  std::string body;
  for (char c : shown) {
    run = c == '`' ? run + 1 : 0;
    longest_run = std::max(longest_run, run);
    // GitHub splits table rows on | before parsing code spans; \| survives as a literal pipe.
    if (c == '|') body.push_back('\\');
    body.push_back(c);
  }
  if (body.empty()) return "` `";
  const std::string fence(longest_run + 1, '`');
  // The parser strips one space from each end when both ends have one, and a backtick at either
  // end would merge with the fence: both cases need one space of padding on each side.
  const bool all_spaces = body.find_first_not_of(' ') == std::string::npos;
  const bool pad = body.front() == '`' || body.back() == '`' ||
                   (body.front() == ' ' && body.back() == ' ' && !all_spaces);
  return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

}  // namespace assay::reports
