// Normalization before rule matching: one canonical, lowercase, single-spaced form of any text.
#include "scanner/text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <cstring>

#include "scanner/text/ansi_escape.h"
#include "scanner/text/utf8.h"

namespace assay::text {
namespace {

bool is_ascii(std::string_view s) {
  const char* p = s.data();
  size_t n = s.size();
  uint64_t high = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    high |= word;
  }
  for (; n > 0; ++p, --n) high |= static_cast<unsigned char>(*p);
  return (high & 0x8080808080808080ULL) == 0;
}

bool is_ascii_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

void append_space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out.push_back(' ');
}

// The fast path: for ASCII, NFKC is the identity and case folding is tolower.
void fold_ascii(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c > 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++i;
    } else if (is_ascii_space(c)) {
      append_space(out);
      ++i;
    } else if (auto esc = match_raw_escape(s, i)) {
      // A color code dropped in mid-word ("ig\x1b[0mnore") must not split the word; the text an
      // OSC carries (a title, a link) stays, as separate words, because the model still reads it.
      if (esc->osc) {
        append_space(out);
        fold_ascii(esc->carried, out);
        append_space(out);
      }
      i += esc->length;
    } else {
      ++i;  // other controls are dropped, so they cannot split a word either
    }
  }
}

// Prepares arbitrary bytes for ICU: valid UTF-8 with whitespace as ' ' and without controls,
// tag characters or raw escapes.
void clean_for_normalizer(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= 0x20 && c != 0x7F) {
        out.push_back(static_cast<char>(c));
      } else if (is_ascii_space(c)) {
        append_space(out);
      } else if (auto esc = match_raw_escape(s, i)) {
        if (esc->osc) {
          append_space(out);
          clean_for_normalizer(esc->carried, out);
          append_space(out);
        }
        i += esc->length;
        continue;
      }
      ++i;
      continue;
    }
    const CodePoint cp = decode_utf8(s, i);
    const bool tag = cp.value >= 0xE0000 && cp.value <= 0xE007F;
    const bool c1_control = cp.value <= 0x9F;
    if (cp.value == 0x85 || u_isUWhiteSpace(static_cast<UChar32>(cp.value))) {
      append_space(out);
    } else if (!cp.valid) {
      append_utf8(out, kReplacementCharacter);
    } else if (!tag && !c1_control) {
      out.append(s.data() + i, cp.length);
    }
    i += cp.length;
  }
}

const icu::Normalizer2* nfkc_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

// NFKC_Casefold drops ignorables and may expand characters to spaces, so runs are folded again.
void fold_spaces(std::string& s) {
  size_t out = 0;
  for (char c : s) {
    if (c == ' ' && (out == 0 || s[out - 1] == ' ')) continue;
    s[out++] = c;
  }
  if (out > 0 && s[out - 1] == ' ') --out;
  s.resize(out);
}

}  // namespace

std::string normalize_for_matching(std::string_view utf8) {
  std::string out;
  if (is_ascii(utf8)) {
    out.reserve(utf8.size());
    fold_ascii(utf8, out);
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }
  std::string cleaned;
  cleaned.reserve(utf8.size());
  clean_for_normalizer(utf8, cleaned);
  const icu::Normalizer2* normalizer = nfkc_casefold();
  if (normalizer != nullptr) {
    out.reserve(cleaned.size() + cleaned.size() / 8);
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    normalizer->normalizeUTF8(0, cleaned, sink, nullptr, status);
    if (U_FAILURE(status)) out = cleaned;
  } else {
    out = cleaned;
  }
  fold_spaces(out);
  return out;
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t clean_from = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    const CodePoint cp = decode_utf8(bytes, i);
    if (!cp.valid) {
      out.append(bytes.data() + clean_from, i - clean_from);
      append_utf8(out, kReplacementCharacter);
      clean_from = i + cp.length;
    }
    i += cp.length;
  }
  out.append(bytes.data() + clean_from, bytes.size() - clean_from);
  return out;
}

}  // namespace assay::text
