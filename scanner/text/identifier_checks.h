// Checks tool, parameter and server names for look-alike tricks (ICU uspoof).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace assay::text {

struct IdentifierIssue {
  std::string kind;      // "mixed-script", "confusable-with-ascii", "invisible-in-name"
  std::string detail;    // human sentence: "'gеt_weather' mixes Latin and Cyrillic (U+0435 at 2)"
  std::string skeleton;  // ICU confusable skeleton, e.g. "get_weather"
};

// A plain ASCII identifier has no issue. A non-ASCII identifier has an issue when it mixes
// scripts within one word, when it is confusable with an ASCII identifier (its skeleton is
// ASCII but it is not), or when it carries invisible characters. A name wholly in one
// non-Latin script (e.g. Japanese or Cyrillic) with no ASCII look-alike is legitimate.
std::optional<IdentifierIssue> check_identifier(std::string_view name);

// The ICU confusable skeleton (UTS #39) of the NFKC form, for comparing names across tools and
// servers: two names look alike when their skeletons are equal ("ｇеt" and "get" both give "get").
std::string confusable_skeleton(std::string_view name);

}  // namespace assay::text
