// Glob matching for .gitignore patterns and rules' path filters.
#pragma once
#include <string_view>

namespace assay::code {

// `*` and `?` do not cross '/', `**` does (as a whole segment: "a/**/b", "**/x", "x/**"),
// `[abc]` `[a-z]` `[!a]` classes, `\` escapes the next character.
bool glob_match(std::string_view pattern, std::string_view path);

// A rule's or ignore file's path filter: a pattern without '/' matches the last path
// segment, one with '/' matches the whole '/'-separated path.
bool path_filter_match(std::string_view pattern, std::string_view path);

}  // namespace assay::code
