// Tells text from binary noise in decoded payloads.
#include "scanner/text/readable_text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>

#include "scanner/text/utf8.h"

namespace assay::text {
namespace {

bool is_printable(char32_t cp) {
  if (cp < 0x80) return (cp >= 0x20 && cp < 0x7F) || cp == '\t' || cp == '\n' || cp == '\r';
  if (cp == kReplacementCharacter) return false;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UNASSIGNED:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
      return false;
    default:
      return true;
  }
}

bool is_ascii_space_or_punctuation(char32_t cp) {
  return cp == ' ' || (cp >= 0x21 && cp <= 0x2F) || (cp >= 0x3A && cp <= 0x40) || (cp >= 0x5B && cp <= 0x60) ||
         (cp >= 0x7B && cp <= 0x7E);
}

// The script of a non-ASCII letter, with the scripts of Chinese, Japanese and Korean text as one
// and Latin as none.
UScriptCode writing_system(char32_t cp) {
  if ((U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_L_MASK) == 0) return USCRIPT_COMMON;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(cp), &status);
  if (U_FAILURE(status)) return USCRIPT_COMMON;
  switch (script) {
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
      return USCRIPT_HAN;
    case USCRIPT_INHERITED:
    case USCRIPT_LATIN:  // accented words sit in text of any script ("café" in Russian prose)
      return USCRIPT_COMMON;
    default:
      return script;
  }
}

}  // namespace

ReadableText judge_readable(std::string_view bytes, size_t min_characters) {
  ReadableText verdict;
  size_t characters = 0, printable = 0, repeat = 0;
  char32_t last = 0;
  UScriptCode first_script = USCRIPT_COMMON;
  size_t letter_run = 0;
  for (size_t i = 0; i < bytes.size();) {
    const CodePoint cp = decode_utf8(bytes, i);
    if (!cp.valid) return {};
    ++characters;
    repeat = cp.value == last ? repeat + 1 : 1;
    last = cp.value;
    verdict.longest_repeat = std::max(verdict.longest_repeat, repeat);
    if (is_printable(cp.value)) ++printable;
    const bool letter = cp.value < 0x80 ? ((cp.value | 0x20) >= 'a' && (cp.value | 0x20) <= 'z')
                                        : (U_GET_GC_MASK(static_cast<UChar32>(cp.value)) & U_GC_L_MASK) != 0;
    letter_run = letter ? letter_run + 1 : 0;
    verdict.longest_letter_run = std::max(verdict.longest_letter_run, letter_run);
    if (is_ascii_space_or_punctuation(cp.value)) verdict.has_space_or_punctuation = true;
    if (cp.value >= 0x80) {
      verdict.has_non_ascii = true;
      const UScriptCode script = writing_system(cp.value);
      if (script != USCRIPT_COMMON) {
        if (first_script == USCRIPT_COMMON) first_script = script;
        if (script != first_script) verdict.mixes_scripts = true;
      }
    }
    i += cp.length;
  }
  verdict.characters = characters;
  verdict.readable = characters >= min_characters && printable * 100 >= characters * 85;
  return verdict;
}

}  // namespace assay::text
