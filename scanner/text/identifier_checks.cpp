// Look-alike checks for tool, parameter and server names (UTS #39 via ICU's spoof checker).
#include "scanner/text/identifier_checks.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

#include <algorithm>
#include <climits>
#include <map>
#include <memory>
#include <vector>

#include "scanner/text/char_classes.h"
#include "scanner/text/normalize.h"
#include "scanner/text/utf8.h"

namespace assay::text {
namespace {

constexpr size_t kMaxShown = 64;  // code points of a name quoted in a detail sentence

// Created once and never freed: ICU documents the check and skeleton functions on a
// configured, const checker as safe to call from many threads at once.
const USpoofChecker* spoof_checker() {
  static const USpoofChecker* checker = []() -> const USpoofChecker* {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker* sc = uspoof_open(&status);
    uspoof_setChecks(sc, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS | USPOOF_HIDDEN_OVERLAY, &status);
    uspoof_setRestrictionLevel(sc, USPOOF_HIGHLY_RESTRICTIVE);
    if (U_FAILURE(status)) {
      uspoof_close(sc);
      return nullptr;
    }
    return sc;
  }();
  return checker;
}

// Fullwidth and other compatibility letters ("ｇｅｔ") are absent from the confusables data,
// so names are NFKC-folded before their skeleton is taken.
std::string nfkc(const std::string& s) {
  static const icu::Normalizer2* normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  if (normalizer == nullptr) return s;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  normalizer->normalizeUTF8(0, s, sink, nullptr, status);
  return U_SUCCESS(status) ? out : s;
}

struct Char {
  char32_t value;
  size_t byte_offset, byte_length;
};

std::vector<Char> code_points(std::string_view s) {
  std::vector<Char> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const CodePoint cp = decode_utf8(s, i);
    out.push_back({cp.value, i, cp.length});
    i += cp.length;
  }
  return out;
}

bool is_word_character(char32_t c) { return is_letter(c) || is_mark(c); }

bool is_printable_ascii(std::string_view s) {
  for (char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

// The name as a reader can see it: invisible characters spelled out, long names shortened.
std::string shown(const std::vector<Char>& chars) {
  std::string out = "'";
  for (size_t k = 0; k < chars.size() && k < kMaxShown; ++k) {
    const char32_t c = chars[k].value;
    if (may_be_invisible(c) || (c != ' ' && u_isUWhiteSpace(static_cast<UChar32>(c))))
      out += "<" + code_point_label(c) + ">";
    else
      append_utf8(out, c);
  }
  if (chars.size() > kMaxShown) out += "…";
  return out + "'";
}

std::string at(const Char& c, size_t index) {
  return code_point_label(c.value) + " at position " + std::to_string(index + 1);
}

UScriptCode script_of(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return U_SUCCESS(status) ? script : USCRIPT_UNKNOWN;
}

int32_t clamped_length(std::string_view s) {
  return static_cast<int32_t>(std::min<size_t>(s.size(), INT32_MAX / 4));
}

std::optional<IdentifierIssue> invisible_issue(const std::vector<Char>& chars, const std::string& skeleton) {
  for (size_t k = 0; k < chars.size(); ++k) {
    const char32_t c = chars[k].value;
    if (!may_be_invisible(c)) continue;
    // An emoji's presentation selector is part of the emoji, not a hidden character.
    if ((c == kVs16 || c == kVs15) && k > 0 && is_emoji(chars[k - 1].value)) continue;
    return IdentifierIssue{"invisible-in-name", shown(chars) + " hides an invisible character (" + at(chars[k], k) + ")",
                           skeleton};
  }
  return std::nullopt;
}

// Scripts may differ between words ("weather_天気"), but one word in two scripts that UTS #39
// does not allow together (Latin with Cyrillic, Latin with Greek, ...) is a look-alike trick.
std::optional<IdentifierIssue> mixed_script_issue(std::string_view name, const std::vector<Char>& chars,
                                                  const std::string& skeleton) {
  const USpoofChecker* sc = spoof_checker();
  if (sc == nullptr) return std::nullopt;
  UErrorCode open_status = U_ZERO_ERROR;
  std::unique_ptr<USpoofCheckResult, decltype(&uspoof_closeCheckResult)> result(
      uspoof_openCheckResult(&open_status), &uspoof_closeCheckResult);
  if (U_FAILURE(open_status)) return std::nullopt;
  for (size_t k = 0; k < chars.size();) {
    if (!is_word_character(chars[k].value)) {
      ++k;
      continue;
    }
    size_t end = k;
    while (end < chars.size() && is_word_character(chars[end].value)) ++end;
    const size_t begin = k;
    k = end;
    const size_t from = chars[begin].byte_offset;
    const std::string_view word = name.substr(from, chars[end - 1].byte_offset + chars[end - 1].byte_length - from);
    if (is_printable_ascii(word)) continue;
    UErrorCode status = U_ZERO_ERROR;
    uspoof_check2UTF8(sc, word.data(), clamped_length(word), result.get(), &status);
    const URestrictionLevel level = uspoof_getCheckResultRestrictionLevel(result.get(), &status);
    if (U_FAILURE(status) || level <= USPOOF_HIGHLY_RESTRICTIVE) continue;

    std::map<UScriptCode, size_t> letters;
    std::vector<UScriptCode> order;
    for (size_t j = begin; j < end; ++j) {
      const UScriptCode s = script_of(chars[j].value);
      if (s == USCRIPT_COMMON || s == USCRIPT_INHERITED) continue;
      if (letters[s]++ == 0) order.push_back(s);
    }
    UScriptCode majority = order.empty() ? USCRIPT_UNKNOWN : order.front();
    for (UScriptCode s : order)
      if (letters[s] > letters[majority]) majority = s;
    std::string scripts;
    for (size_t j = 0; j < order.size(); ++j)
      scripts += (j == 0 ? "" : j + 1 == order.size() ? " and " : ", ") + std::string(uscript_getName(order[j]));
    size_t odd = begin;
    for (size_t j = begin; j < end; ++j) {
      const UScriptCode s = script_of(chars[j].value);
      if (s != majority && s != USCRIPT_COMMON && s != USCRIPT_INHERITED) {
        odd = j;
        break;
      }
    }
    return IdentifierIssue{"mixed-script", shown(chars) + " mixes " + scripts + " (" + at(chars[odd], odd) + ")",
                           skeleton};
  }
  return std::nullopt;
}

// Whole-name checks: digits from two number systems ("1١") or a dot hidden on an i or l.
std::optional<IdentifierIssue> whole_name_issue(std::string_view name, const std::vector<Char>& chars,
                                                const std::string& skeleton) {
  const USpoofChecker* sc = spoof_checker();
  if (sc == nullptr) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const int32_t failed = uspoof_checkUTF8(sc, name.data(), clamped_length(name), nullptr, &status);
  if (U_FAILURE(status)) return std::nullopt;
  if (failed & USPOOF_MIXED_NUMBERS)
    return IdentifierIssue{"mixed-script", shown(chars) + " mixes digits of different number systems", skeleton};
  if (failed & USPOOF_HIDDEN_OVERLAY)
    return IdentifierIssue{"invisible-in-name", shown(chars) + " hides a combining dot on a dotted letter",
                           skeleton};
  return std::nullopt;
}

}  // namespace

std::optional<IdentifierIssue> check_identifier(std::string_view raw) {
  if (is_printable_ascii(raw)) return std::nullopt;
  const std::string name = sanitize_utf8(raw);
  const std::vector<Char> chars = code_points(name);
  const std::string skeleton = confusable_skeleton(name);
  if (auto issue = invisible_issue(chars, skeleton)) return issue;
  if (auto issue = mixed_script_issue(name, chars, skeleton)) return issue;
  if (auto issue = whole_name_issue(name, chars, skeleton)) return issue;
  if (is_printable_ascii(skeleton)) {
    size_t first = 0;
    while (first < chars.size() && chars[first].value < 0x80) ++first;
    if (first == chars.size()) return std::nullopt;
    return IdentifierIssue{"confusable-with-ascii",
                           shown(chars) + " looks like the ASCII name '" + skeleton + "' (" + at(chars[first], first) +
                               ")",
                           skeleton};
  }
  return std::nullopt;
}

std::string confusable_skeleton(std::string_view raw) {
  const std::string name = nfkc(sanitize_utf8(raw));
  const USpoofChecker* sc = spoof_checker();
  if (sc == nullptr) return name;
  std::string skeleton(name.size() + 16, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t length = uspoof_getSkeletonUTF8(sc, 0, name.data(), clamped_length(name), skeleton.data(),
                                                  static_cast<int32_t>(std::min<size_t>(skeleton.size(), INT32_MAX)),
                                                  &status);
    if (status == U_BUFFER_OVERFLOW_ERROR) {
      skeleton.assign(static_cast<size_t>(length) + 1, '\0');
      continue;
    }
    if (U_FAILURE(status)) return name;
    skeleton.resize(static_cast<size_t>(length));
    return skeleton;
  }
  return name;
}

}  // namespace assay::text
