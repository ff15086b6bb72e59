// Whether decoded bytes read as text, which separates a hidden message from binary noise
// (a git SHA or a hash decodes to bytes, a base64-encoded instruction decodes to words).
#pragma once
#include <cstddef>
#include <string_view>

namespace assay::text {

struct ReadableText {
  bool readable = false;
  bool has_space_or_punctuation = false;  // prose and commands have them; a lucky word rarely does
  bool has_non_ascii = false;
  // Real text sticks to Latin plus at most one other writing system (Chinese and Japanese count
  // as one); misread binary that happens to be valid UTF-8 scatters over Arabic, Thaana, IPA, ...
  bool mixes_scripts = false;
  // Words: every language and every command has a run of three letters; noise rarely does.
  size_t longest_letter_run = 0;
  size_t characters = 0;
  size_t longest_repeat = 0;  // one character repeated ("ffffffff" from a run of 6s read as hex)
};

// Readable: valid UTF-8, at least `min_characters` characters, >= 85% of them printable
// (letters, marks, digits, punctuation, symbols, spaces, tab and newlines).
ReadableText judge_readable(std::string_view bytes, size_t min_characters = 8);

}  // namespace assay::text
