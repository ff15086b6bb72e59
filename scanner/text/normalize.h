// Text normalization before rule matching, so spacing and look-alike tricks do not evade patterns.
#pragma once
#include <string>
#include <string_view>

namespace assay::text {

// NFKC + case folding (ICU's NFKC_Casefold, which also drops default-ignorable code points
// such as zero-width characters), Unicode tag characters (U+E0000..E007F) dropped, C0/C1
// controls and raw ANSI escape sequences dropped (so "ig\x1b[0mnore" reads "ignore"; the text
// an OSC title or hyperlink carries stays, as separate words, since the model reads it), runs of
// whitespace (any Unicode White_Space) folded to one ASCII space, leading/trailing space trimmed.
// Invalid UTF-8 becomes U+FFFD. An all-ASCII input takes a fast path (lowercase, whitespace
// fold, escapes dropped) without ICU.
std::string normalize_for_matching(std::string_view utf8);

// Replaces invalid UTF-8 sequences with U+FFFD, so every later stage sees valid UTF-8.
std::string sanitize_utf8(std::string_view bytes);

}  // namespace assay::text
