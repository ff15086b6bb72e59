// Finds characters a human reviewer cannot see but a model reads: the carriers of hidden text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

enum class InvisibleKind {
  tag_characters,  // U+E0000..E007F: smuggle an ASCII message, decoded into `decoded`
  zero_width,      // ZWSP, ZWNJ, ZWJ, WJ, BOM/ZWNBSP, invisible operators, Hangul fillers, runs of
                   // variation selectors, ... outside the legitimate sequences listed below
  bidi_control,    // LRE RLE PDF LRO RLO LRI RLI FSI PDI LRM RLM ALM
  ansi_escape,     // ESC [ ... / ESC ] ... raw, or written out as \x1b[ \u001b[ \033[ \e[ + a CSI body
  other_format,    // Cc controls other than \t \n \r, and runs of 2+ remaining Cf/ignorable
                   // characters (soft hyphens, Mongolian vowel separator, ...); one alone is typography
};

struct InvisibleRun {
  InvisibleKind kind;
  size_t byte_offset = 0;  // into the input
  size_t byte_length = 0;
  int count = 0;            // characters (or escape sequences) in the run
  // tag characters: the ASCII they spell; ANSI: the escapes as printable text ("\x1b[8m");
  // variation-selector runs: the bytes they spell ("emoji smuggling") when those read as text.
  // At most 4 KiB.
  std::string decoded;
  std::string describe;     // e.g. "3 zero-width characters (U+200B U+200C U+200D)", at most 8 listed
};

// Runs of one kind: adjacent characters of the same kind form one run. Not reported, because
// ordinary text uses them: emoji sequences (ZWJ between two emoji, one variation selector after
// a visible character, skin tones, subdivision flags such as England U+1F3F4 E0067 E0062 E0065
// E006E E0067 E007F), a single ZWNJ/ZWJ between letters of a script that writes with joiners
// (Persian, Arabic, Indic, ...: anything but Latin, Cyrillic, Greek), a BOM at offset 0.
// Invalid UTF-8 reads as U+FFFD (visible). Bounded: at most 64 runs of each kind.
std::vector<InvisibleRun> find_invisible(std::string_view utf8);

// "tag-characters", "zero-width", "bidi-control", "ansi-escape", "other-format".
std::string_view to_string(InvisibleKind kind);

}  // namespace assay::text
