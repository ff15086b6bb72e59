// Finds the characters that hide text from a human reviewer but not from a model, and tells
// them apart from the same characters doing their ordinary job (emoji sequences, Persian ZWNJ).
#include "scanner/text/invisible.h"

#include <unicode/uchar.h>

#include <array>

#include "scanner/text/ansi_escape.h"
#include "scanner/text/char_classes.h"
#include "scanner/text/readable_text.h"
#include "scanner/text/utf8.h"

namespace assay::text {
namespace {

// Past these, an input is plainly hostile already; more runs, names or text add nothing.
constexpr size_t kMaxRunsPerKind = 64;
constexpr size_t kMaxListed = 8;
constexpr size_t kMaxDecoded = 4096;

bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view noun(InvisibleKind kind, bool plural) {
  switch (kind) {
    case InvisibleKind::tag_characters: return plural ? "tag characters" : "tag character";
    case InvisibleKind::zero_width: return plural ? "zero-width characters" : "zero-width character";
    case InvisibleKind::bidi_control: return plural ? "bidi control characters" : "bidi control character";
    case InvisibleKind::ansi_escape: return plural ? "ANSI escape sequences" : "ANSI escape sequence";
    case InvisibleKind::other_format:
      return plural ? "invisible format or control characters" : "invisible format or control character";
  }
  return "";
}

class InvisibleScanner {
 public:
  explicit InvisibleScanner(std::string_view s) : s_(s) {}

  std::vector<InvisibleRun> scan() {
    for (size_t i = 0; i < s_.size();) i = visit(i);
    drop_unremarkable_format_run();
    std::vector<InvisibleRun> out;
    out.reserve(runs_.size());
    for (auto& p : runs_) out.push_back(finish(std::move(p)));
    return out;
  }

 private:
  struct Pending {
    InvisibleRun run;
    std::vector<char32_t> listed;
    bool has_control = false;
    std::string smuggled;  // bytes spelled by variation selectors
  };

  size_t visit(size_t i) {
    const auto b = static_cast<unsigned char>(s_[i]);
    if (b == 0x1B && i + 1 < s_.size() && (s_[i + 1] == '[' || s_[i + 1] == ']')) {
      const auto esc = match_raw_escape(s_, i);
      const size_t len = esc ? esc->length : 2;
      add_escape(i, len, printable_escape(s_.substr(i, len)));
      return i + len;
    }
    if (b == '\\') {
      if (const size_t len = match_written_escape(s_, i)) {
        add_escape(i, len, std::string(s_.substr(i, len)));
        return i + len;
      }
    }
    if ((b >= 0x20 && b < 0x7F) || b == '\t' || b == '\n' || b == '\r') {
      prev_ = base_ = static_cast<char32_t>(b);
      return i + 1;
    }
    const CodePoint cp = decode_utf8(s_, i);
    const char32_t c = cp.value;
    const size_t next = i + cp.length;
    if (c >= 0x80 && !may_be_invisible(c)) {
      step(c);
      return next;
    }
    if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_BIDI_CONTROL)) {
      add(InvisibleKind::bidi_control, i, cp.length, c);
    } else if (is_tag_character(c)) {
      return visit_tag(i, cp);
    } else if (is_variation_selector(c)) {
      return visit_selectors(i);
    } else if ((c == kZwj || c == kZwnj) && joins_legitimately(c, next)) {
      // an emoji ZWJ sequence or a joiner inside Persian, Arabic or Indic words
    } else if (c == kBom && i == 0) {
      // a byte order mark opening the text is an encoding artefact
    } else if (is_zero_width(c)) {
      add(InvisibleKind::zero_width, i, cp.length, c);
    } else if (c < 0x20 || between(c, 0x7F, 0x9F)) {
      add(InvisibleKind::other_format, i, cp.length, c, true);
    } else {
      add(InvisibleKind::other_format, i, cp.length, c);
    }
    step(c);
    return next;
  }

  void step(char32_t c) {
    prev_ = c;
    if (!is_mark(c) && !is_variation_selector(c) && !is_emoji_modifier(c)) base_ = c;
  }

  bool joins_legitimately(char32_t joiner, size_t next) {
    if (next >= s_.size()) return false;
    const char32_t after = decode_utf8(s_, next).value;
    if (joiner == kZwj && is_emoji(base_) && is_emoji(after) &&
        (prev_ == base_ || prev_ == kVs16 || prev_ == kCancelTag || is_emoji_modifier(prev_)))
      return true;
    return (is_letter(prev_) || is_mark(prev_)) && writes_with_joiners(base_) && writes_with_joiners(after);
  }

  size_t visit_tag(size_t i, CodePoint cp) {
    if (prev_ == kBlackFlag) {
      if (const size_t len = subdivision_flag_length(i)) {
        prev_ = kCancelTag;
        return i + len;
      }
    }
    add(InvisibleKind::tag_characters, i, cp.length, cp.value);
    Pending* run = last_run_of(InvisibleKind::tag_characters, i + cp.length);
    if (run && between(cp.value, 0xE0020, 0xE007E) && run->run.decoded.size() < kMaxDecoded)
      run->run.decoded.push_back(static_cast<char>(cp.value - 0xE0000));
    step(cp.value);
    return i + cp.length;
  }

  // Subdivision flags (England = U+1F3F4 "gbeng" U+E007F) spell an ISO 3166-2 code in tag
  // characters: two letters then one to four letters or digits. Anything longer is a message.
  size_t subdivision_flag_length(size_t i) const {
    std::string spec;
    for (size_t j = i; j < s_.size() && spec.size() <= 6;) {
      const CodePoint cp = decode_utf8(s_, j);
      j += cp.length;
      if (cp.value == kCancelTag) {
        bool valid = spec.size() >= 3 && is_ascii_lower(spec[0]) && is_ascii_lower(spec[1]);
        for (size_t k = 2; k < spec.size(); ++k) valid = valid && (is_ascii_lower(spec[k]) || is_ascii_digit(spec[k]));
        return valid ? j - i : 0;
      }
      if (!between(cp.value, 0xE0020, 0xE007E)) return 0;
      spec.push_back(static_cast<char>(cp.value - 0xE0000));
    }
    return 0;
  }

  // One selector after a visible character picks its presentation (emoji VS16, CJK ideographic
  // variants); a run of them spells bytes, which is how "emoji smuggling" hides a message.
  size_t visit_selectors(size_t i) {
    size_t end = i;
    int count = 0;
    char32_t last = 0;
    while (end < s_.size()) {
      const CodePoint cp = decode_utf8(s_, end);
      if (!is_variation_selector(cp.value)) break;
      ++count;
      last = cp.value;
      end += cp.length;
    }
    if (count == 1 && is_visible(prev_)) {
      step(last);
      return end;
    }
    for (size_t j = i; j < end;) {
      const CodePoint cp = decode_utf8(s_, j);
      add(InvisibleKind::zero_width, j, cp.length, cp.value);
      Pending* run = last_run_of(InvisibleKind::zero_width, j + cp.length);
      if (auto byte = smuggled_byte(cp.value); run && byte && run->smuggled.size() < kMaxDecoded)
        run->smuggled.push_back(static_cast<char>(*byte));
      j += cp.length;
    }
    step(last);
    return end;
  }

  void add_escape(size_t offset, size_t length, std::string printable) {
    add(InvisibleKind::ansi_escape, offset, length, 0);
    if (Pending* run = last_run_of(InvisibleKind::ansi_escape, offset + length);
        run && run->run.decoded.size() < kMaxDecoded)
      run->run.decoded += printable;
    prev_ = base_ = 0;
  }

  void add(InvisibleKind kind, size_t offset, size_t length, char32_t cp, bool control = false) {
    Pending* run = runs_.empty() ? nullptr : &runs_.back();
    if (!run || run->run.kind != kind || run->run.byte_offset + run->run.byte_length != offset) {
      drop_unremarkable_format_run();
      auto& made = made_[static_cast<size_t>(kind)];
      if (made >= kMaxRunsPerKind) return;
      ++made;
      runs_.push_back({});
      run = &runs_.back();
      run->run.kind = kind;
      run->run.byte_offset = offset;
    }
    run->run.byte_length += length;
    ++run->run.count;
    run->has_control = run->has_control || control;
    if (kind != InvisibleKind::ansi_escape && run->listed.size() < kMaxListed) run->listed.push_back(cp);
  }

  // The run just extended by a character ending at `end`, if it was recorded (the caps may drop it).
  Pending* last_run_of(InvisibleKind kind, size_t end) {
    if (runs_.empty()) return nullptr;
    Pending& run = runs_.back();
    return run.run.kind == kind && run.run.byte_offset + run.run.byte_length == end ? &run : nullptr;
  }

  // A lone soft hyphen or Arabic number sign is ordinary typography, not a hiding place.
  void drop_unremarkable_format_run() {
    if (runs_.empty()) return;
    const Pending& last = runs_.back();
    if (last.run.kind == InvisibleKind::other_format && last.run.count < 2 && !last.has_control) {
      --made_[static_cast<size_t>(InvisibleKind::other_format)];
      runs_.pop_back();
    }
  }

  static InvisibleRun finish(Pending&& p) {
    InvisibleRun run = std::move(p.run);
    run.describe = std::to_string(run.count) + " " + std::string(noun(run.kind, run.count != 1));
    if (!p.listed.empty()) {
      run.describe += " (";
      for (size_t k = 0; k < p.listed.size(); ++k) {
        if (k > 0) run.describe += " ";
        run.describe += code_point_label(p.listed[k]);
      }
      if (run.count > static_cast<int>(kMaxListed)) run.describe += " …";
      run.describe += ")";
    }
    if (!p.smuggled.empty() && judge_readable(p.smuggled, 2).readable) run.decoded = std::move(p.smuggled);
    return run;
  }

  std::string_view s_;
  std::vector<Pending> runs_;
  std::array<size_t, 5> made_{};
  char32_t prev_ = 0;  // 0 at the start and after an escape sequence
  char32_t base_ = 0;  // the last character that is not a mark, selector or skin tone
};

}  // namespace

std::vector<InvisibleRun> find_invisible(std::string_view utf8) { return InvisibleScanner(utf8).scan(); }

std::string_view to_string(InvisibleKind kind) {
  switch (kind) {
    case InvisibleKind::tag_characters: return "tag-characters";
    case InvisibleKind::zero_width: return "zero-width";
    case InvisibleKind::bidi_control: return "bidi-control";
    case InvisibleKind::ansi_escape: return "ansi-escape";
    case InvisibleKind::other_format: return "other-format";
  }
  return "unknown";
}

}  // namespace assay::text
