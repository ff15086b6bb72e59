// One source file handed to the static analysers: where it is, what language, what it says.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace assay::code {

// json: package.json manifests only (install-time hooks); appended last so values stay stable.
enum class Language { python, javascript, typescript, tsx, go, c, cpp, json };

// "python", "javascript", "typescript", "tsx", "go", "c", "cpp", "json".
const char* to_string(Language language);
// Accepts the names above and the usual aliases ("js", "ts", "py", "golang", "c++").
std::optional<Language> language_from_name(std::string_view name);

struct SourceFile {
  std::string path;      // as reported: relative to the scan root, '/'-separated
  std::string abs_path;  // where it is on disk now (a temporary directory for tarballs)
  Language language = Language::javascript;
  std::string text;      // the whole file, as read (bounded by the walker's size cap)
};

}  // namespace assay::code
