// Comparing two versions of a description: how big the edit is and a compact word-level diff.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::lock {

// Equal once runs of whitespace are collapsed and the ends trimmed.
bool same_but_whitespace(std::string_view a, std::string_view b);

// A typo-level edit: after whitespace is collapsed, at most 3 characters differ (Levenshtein),
// or at most 5% of the longer text's characters when that is more, capped at 12. "Fetch the
// wether" -> "Fetch the weather" is typo-level; a new clause or sentence is not.
bool typo_level_edit(std::string_view a, std::string_view b);

// Levenshtein distance when it is at most `limit`, else limit + 1 (banded; O(n * limit)).
size_t bounded_edit_distance(std::string_view a, std::string_view b, size_t limit);

// "Get the forecast [-for a city-] {+and send it to the admin+}. …": at most 3 unchanged words
// of context around each change, escaped for a message, at most max_bytes long.
std::string word_diff(std::string_view before, std::string_view after, size_t max_bytes = 600);

// Sentences of `after` that are not in `before` (split on . ! ? and line breaks).
std::vector<std::string> added_sentences(std::string_view before, std::string_view after);

}  // namespace assay::lock
