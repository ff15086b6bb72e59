// Recognizes terminal escape sequences, raw or written out as text: they recolor, hide or
// retitle what a user sees in a terminal while a model still reads the text around them.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace assay::text {

struct RawEscape {
  size_t length = 0;          // bytes, from the ESC
  bool osc = false;           // ESC ] (title, hyperlink) rather than ESC [ (color, cursor, erase)
  std::string_view carried;   // OSC only: the text it carries (window title, link target)
};

// A raw sequence at s[pos] == ESC: CSI (ESC [ parameters intermediates final-byte) or OSC
// (ESC ] ... BEL or ESC \). Nothing when malformed or unterminated within a few KiB.
std::optional<RawEscape> match_raw_escape(std::string_view s, size_t pos);

// An escape written as text at s[pos] == '\\' (\x1b[ \u001b[ \033[ \e[ then a CSI body with a
// common final byte): a model that copies it into a shell or an `echo -e` emits the real escape.
// Returns its length in bytes, 0 when there is none.
size_t match_written_escape(std::string_view s, size_t pos);

// The sequence with its control bytes spelled out ("\x1b[31m"), for evidence a reader can see.
std::string printable_escape(std::string_view sequence);

}  // namespace assay::text
