// Terminal escape sequences (ECMA-48 CSI and OSC), raw and written out as text.
#include "scanner/text/ansi_escape.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace assay::text {
namespace {

constexpr char kEsc = 0x1B;
constexpr char kBel = 0x07;
// Real sequences are short; the caps keep a stray ESC from swallowing the text after it.
constexpr size_t kMaxCsiBody = 64;
constexpr size_t kMaxOscBody = 4096;

bool in(char c, int lo, int hi) { return static_cast<unsigned char>(c) >= lo && static_cast<unsigned char>(c) <= hi; }

// Length of "parameters intermediates final" at s[pos], or 0. `finals` limits the final byte.
size_t csi_body(std::string_view s, size_t pos, std::string_view finals) {
  size_t i = pos;
  const size_t end = std::min(s.size(), pos + kMaxCsiBody);
  while (i < end && in(s[i], 0x30, 0x3F)) ++i;
  while (i < end && in(s[i], 0x20, 0x2F)) ++i;
  if (i >= s.size() || !in(s[i], 0x40, 0x7E)) return 0;
  if (!finals.empty() && finals.find(s[i]) == std::string_view::npos) return 0;
  return i + 1 - pos;
}

// OSC "Ps ; Pt": the command number is framing; hyperlinks (8) also carry "params ;" before the URI.
std::string_view osc_carried_text(std::string_view body) {
  size_t i = 0;
  while (i < body.size() && in(body[i], '0', '9')) ++i;
  if (i == 0 || i >= body.size() || body[i] != ';') return body;
  const bool hyperlink = body.substr(0, i) == "8";
  body.remove_prefix(i + 1);
  if (hyperlink) {
    size_t semi = body.find(';');
    if (semi != std::string_view::npos) body.remove_prefix(semi + 1);
  }
  return body;
}

}  // namespace

std::optional<RawEscape> match_raw_escape(std::string_view s, size_t pos) {
  if (pos + 1 >= s.size() || s[pos] != kEsc) return std::nullopt;
  if (s[pos + 1] == '[') {
    size_t body = csi_body(s, pos + 2, {});
    if (body == 0) return std::nullopt;
    return RawEscape{2 + body, false, {}};
  }
  if (s[pos + 1] != ']') return std::nullopt;
  const size_t start = pos + 2;
  const size_t end = std::min(s.size(), start + kMaxOscBody);
  for (size_t i = start; i < end; ++i) {
    if (s[i] == kBel) return RawEscape{i + 1 - pos, true, osc_carried_text(s.substr(start, i - start))};
    if (s[i] == kEsc && i + 1 < s.size() && s[i + 1] == '\\')
      return RawEscape{i + 2 - pos, true, osc_carried_text(s.substr(start, i - start))};
    // Any other control ends the string unterminated; stopping at it also keeps a text full of
    // "ESC ]" linear instead of rescanning kMaxOscBody bytes from each one.
    if (static_cast<unsigned char>(s[i]) < 0x20 && s[i] != '\t') return std::nullopt;
  }
  return std::nullopt;
}

size_t match_written_escape(std::string_view s, size_t pos) {
  if (pos >= s.size() || s[pos] != '\\') return 0;
  static constexpr std::array<std::string_view, 6> kIntroducers = {"\\x1b[", "\\x1B[", "\\u001b[", "\\u001B[",
                                                                    "\\033[", "\\e["};
  // Written out, only the final bytes real programs use count: "\e[a-z]" in a regex is no escape.
  static constexpr std::string_view kCommonFinals = "ABCDEFGHJKSTfhlmnsu";
  std::string_view rest = s.substr(pos);
  for (std::string_view intro : kIntroducers) {
    if (rest.substr(0, intro.size()) != intro) continue;
    size_t body = csi_body(s, pos + intro.size(), kCommonFinals);
    return body == 0 ? 0 : intro.size() + body;
  }
  return 0;
}

std::string printable_escape(std::string_view sequence) {
  std::string out;
  out.reserve(sequence.size() + 8);
  for (char c : sequence) {
    auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", b);
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace assay::text
