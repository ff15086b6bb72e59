// Finds characters a human reviewer cannot see but a model reads: the carriers of hidden text.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::text {

enum class InvisibleKind {
  tag_characters,  // U+E0000..E007F: smuggle an ASCII message, decoded into `decoded`
  zero_width,      // ZWSP, ZWNJ, ZWJ, WJ, BOM/ZWNBSP, invisible operators, ... outside emoji sequences
  bidi_control,    // LRE RLE PDF LRO RLO LRI RLI FSI PDI LRM RLM ALM
  ansi_escape,     // ESC [ ... / ESC ] ... raw, or written out as \x1b, \u001b, \033, \e
  other_format,    // remaining Cf/Cc characters (soft hyphen runs, Mongolian vowel separator, ...)
};

struct InvisibleRun {
  InvisibleKind kind;
  size_t byte_offset = 0;  // into the input
  size_t byte_length = 0;
  int count = 0;            // characters (or escape sequences) in the run
  std::string decoded;      // tag characters: the ASCII they spell; ANSI: the escape as printable text
  std::string describe;     // e.g. "3 zero-width characters (U+200B U+200C U+200D)"
};

// Runs of one kind. Emoji ZWJ sequences (ZWJ between two emoji, VS16, skin tones, flag tag
// sequences such as the England flag U+1F3F4 E0067 E0062 ... E007F) are legitimate and not reported.
std::vector<InvisibleRun> find_invisible(std::string_view utf8);

std::string_view to_string(InvisibleKind kind);

}  // namespace assay::text
