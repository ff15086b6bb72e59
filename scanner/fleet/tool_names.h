// How two tool names compare as a model reads them: words, a separator- and case-free form, and
// a small edit distance, for telling collisions and typosquats from honest neighbours.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::fleet {

// Lower-case words of an identifier: "readFile", "read_file", "read-file" and "READ FILE" all
// give {"read", "file"}; digits start a word of their own ("v2Search" gives {"v", "2", "search"}).
std::vector<std::string> name_words(std::string_view name);

// The words joined without separators: two names with the same canonical form are the same name
// to a model ("read_file" and "readFile").
std::string canonical_name(std::string_view name);

// Damerau-Levenshtein distance (optimal string alignment), giving up past `limit`: then limit + 1.
int edit_distance(std::string_view a, std::string_view b, int limit);

// One word differs from the other by an "s" or "es" at the end (issue / issues).
bool plural_pair(std::string_view a, std::string_view b);

}  // namespace assay::fleet
