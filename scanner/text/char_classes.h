// Character classes the invisible-text and identifier checks share: what draws nothing, what is
// emoji, which scripts write with joiners.
#pragma once
#include <optional>

namespace assay::text {

inline constexpr char32_t kZwnj = 0x200C, kZwj = 0x200D, kBom = 0xFEFF, kVs15 = 0xFE0E, kVs16 = 0xFE0F;
inline constexpr char32_t kBlackFlag = 0x1F3F4, kCancelTag = 0xE007F;

inline bool between(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

inline bool is_tag_character(char32_t c) { return between(c, 0xE0000, 0xE007F); }
inline bool is_emoji_modifier(char32_t c) { return between(c, 0x1F3FB, 0x1F3FF); }  // skin tones
bool is_variation_selector(char32_t c);  // VS1..VS256 and the Mongolian free variation selectors
bool is_emoji(char32_t c);               // non-ASCII Emoji or Extended_Pictographic (no digits, '#', '*')
bool is_letter(char32_t c);
bool is_mark(char32_t c);

// Cc, Cf or Default_Ignorable: everything that might draw nothing. All else is ordinary text.
bool may_be_invisible(char32_t c);
// Draws a glyph: not a space, control, format or ignorable character.
bool is_visible(char32_t c);
// Characters that draw nothing, including the Hangul fillers and Khmer inherent vowels: they are
// "letters", so attackers use them for invisible identifiers and padding.
bool is_zero_width(char32_t c);
// A letter or mark of a script that puts ZWNJ/ZWJ between letters to choose letter forms
// (Persian, Arabic, Indic, ...): anything but Latin, Cyrillic and Greek.
bool writes_with_joiners(char32_t c);
// The byte a selector stands for in "emoji smuggling" (VS1..VS16 = 0..15, VS17..VS256 = 16..255).
std::optional<unsigned char> smuggled_byte(char32_t c);

}  // namespace assay::text
