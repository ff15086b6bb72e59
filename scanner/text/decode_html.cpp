// Finds HTML/XML character references hiding markup or words ("&lt;IMPORTANT&gt;", "&#105;&#103;...").
#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "scanner/text/payload_decoders.h"
#include "scanner/text/utf8.h"

namespace assay::text {
namespace {

constexpr int kMinReferences = 2;
// References further apart than this belong to different stretches of text.
constexpr size_t kMaxGap = 256;

struct Reference {
  size_t begin = 0, end = 0;
  char32_t value = 0;
  bool counts = true;
  size_t stretch_end = 0;  // past a twice-encoded reference's tail
};

constexpr std::array<std::pair<std::string_view, char32_t>, 30> kNamed = {{
    {"lt", '<'},        {"gt", '>'},        {"amp", '&'},       {"quot", '"'},      {"apos", '\''},
    {"LT", '<'},        {"GT", '>'},        {"AMP", '&'},       {"QUOT", '"'},      {"nbsp", 0xA0},
    {"shy", 0xAD},      {"zwj", 0x200D},    {"zwnj", 0x200C},   {"lrm", 0x200E},    {"rlm", 0x200F},
    {"copy", 0xA9},     {"reg", 0xAE},      {"trade", 0x2122},  {"hellip", 0x2026}, {"mdash", 0x2014},
    {"ndash", 0x2013},  {"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
    {"laquo", 0xAB},    {"raquo", 0xBB},    {"bull", 0x2022},   {"middot", 0xB7},   {"times", 0xD7},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A reference starting at t[i] == '&', terminated by ';'.
std::optional<Reference> reference_at(std::string_view t, size_t i) {
  size_t k = i + 1;
  if (k < t.size() && t[k] == '#') {
    ++k;
    const bool hex = k < t.size() && (t[k] == 'x' || t[k] == 'X');
    if (hex) ++k;
    const size_t digits_from = k;
    uint32_t value = 0;
    for (; k < t.size() && k - digits_from < 7; ++k) {
      const int d = hex ? hex_value(t[k]) : (is_digit(t[k]) ? t[k] - '0' : -1);
      if (d < 0) break;
      value = value * (hex ? 16 : 10) + static_cast<uint32_t>(d);
    }
    if (k == digits_from || k >= t.size() || t[k] != ';') return std::nullopt;
    if (value == 0 || value > 0x10FFFF) value = kReplacementCharacter;
    return Reference{i, k + 1, value};
  }
  while (k < t.size() && k - i <= 7 && is_alpha(t[k])) ++k;
  if (k >= t.size() || t[k] != ';') return std::nullopt;
  const std::string_view name = t.substr(i + 1, k - i - 1);
  for (const auto& [known, value] : kNamed)
    if (known == name) return Reference{i, k + 1, value};
  return std::nullopt;
}

// "Tom &amp; Jerry" is ordinary prose; "&amp;lt;" is a reference encoded twice: it counts, and
// its stretch reaches past the "lt;".
void classify_ampersand(std::string_view t, Reference& r) {
  if (r.value != '&') return;
  size_t k = r.end;
  if (k < t.size() && t[k] == '#') ++k;
  const size_t from = k;
  while (k < t.size() && k - from < 8 && (is_alpha(t[k]) || is_digit(t[k]))) ++k;
  r.counts = k > from && k < t.size() && t[k] == ';';
  if (r.counts) r.stretch_end = k + 1;
}

void emit(std::string_view t, const std::vector<Reference>& refs, std::vector<EncodedRun>& out) {
  int counted = 0;
  for (const auto& r : refs) counted += r.counts ? 1 : 0;
  if (counted < kMinReferences) return;
  const size_t begin = refs.front().begin, end = std::max(refs.back().end, refs.back().stretch_end);
  std::string decoded;
  decoded.reserve(end - begin);
  size_t at = begin;
  for (const auto& r : refs) {
    decoded.append(t.substr(at, r.begin - at));
    append_utf8(decoded, r.value);
    at = r.end;
  }
  decoded.append(t.substr(at, end - at));
  out.push_back({begin, end - begin, std::move(decoded)});
}

}  // namespace

std::vector<EncodedRun> find_html_reference_runs(std::string_view t) {
  std::vector<EncodedRun> out;
  std::vector<Reference> stretch;
  for (size_t i = t.find('&'); i != std::string_view::npos; i = t.find('&', i + 1)) {
    auto r = reference_at(t, i);
    if (!r) continue;
    classify_ampersand(t, *r);
    if (!stretch.empty() && r->begin - stretch.back().end > kMaxGap) {
      emit(t, stretch, out);
      stretch.clear();
    }
    stretch.push_back(*r);
    i = r->end - 1;
  }
  if (!stretch.empty()) emit(t, stretch, out);
  return out;
}

}  // namespace assay::text
