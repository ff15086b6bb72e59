// Character classes over ICU's Unicode properties.
#include "scanner/text/char_classes.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>

namespace assay::text {
namespace {

bool has(char32_t c, UProperty p) { return u_hasBinaryProperty(static_cast<UChar32>(c), p); }
uint32_t category_mask(char32_t c) { return U_GET_GC_MASK(static_cast<UChar32>(c)); }

}  // namespace

bool is_variation_selector(char32_t c) {
  return between(c, 0xFE00, 0xFE0F) || between(c, 0xE0100, 0xE01EF) || between(c, 0x180B, 0x180D) || c == 0x180F;
}

bool is_emoji(char32_t c) { return c >= 0x80 && (has(c, UCHAR_EXTENDED_PICTOGRAPHIC) || has(c, UCHAR_EMOJI)); }
bool is_letter(char32_t c) { return (category_mask(c) & U_GC_L_MASK) != 0; }
bool is_mark(char32_t c) { return (category_mask(c) & U_GC_M_MASK) != 0; }

bool may_be_invisible(char32_t c) {
  return (category_mask(c) & (U_GC_CC_MASK | U_GC_CF_MASK)) != 0 || has(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool is_visible(char32_t c) {
  return c > 0x20 && (category_mask(c) & (U_GC_Z_MASK | U_GC_CC_MASK | U_GC_CF_MASK)) == 0 &&
         !has(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

bool is_zero_width(char32_t c) {
  static constexpr std::array<char32_t, 11> kList = {0x200B, kZwnj, kZwj, 0x2060, kBom, 0x115F,
                                                     0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5};
  for (char32_t z : kList)
    if (c == z) return true;
  return between(c, 0x2061, 0x2064);  // invisible math operators
}

bool writes_with_joiners(char32_t c) {
  if (!is_letter(c) && !is_mark(c)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return U_SUCCESS(status) && script != USCRIPT_LATIN && script != USCRIPT_CYRILLIC && script != USCRIPT_GREEK &&
         script != USCRIPT_COMMON && script != USCRIPT_INHERITED && script != USCRIPT_UNKNOWN;
}

std::optional<unsigned char> smuggled_byte(char32_t c) {
  if (between(c, 0xFE00, 0xFE0F)) return static_cast<unsigned char>(c - 0xFE00);
  if (between(c, 0xE0100, 0xE01EF)) return static_cast<unsigned char>(c - 0xE0100 + 16);
  return std::nullopt;
}

}  // namespace assay::text
