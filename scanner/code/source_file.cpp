// Language names: one spelling out, a few accepted in.
#include "scanner/code/source_file.h"

namespace assay::code {

const char* to_string(Language language) {
  switch (language) {
    case Language::python: return "python";
    case Language::javascript: return "javascript";
    case Language::typescript: return "typescript";
    case Language::tsx: return "tsx";
    case Language::go: return "go";
    case Language::c: return "c";
    case Language::cpp: return "cpp";
    case Language::json: return "json";
  }
  return "unknown";
}

std::optional<Language> language_from_name(std::string_view name) {
  if (name == "python" || name == "py") return Language::python;
  if (name == "javascript" || name == "js") return Language::javascript;
  if (name == "typescript" || name == "ts") return Language::typescript;
  if (name == "tsx") return Language::tsx;
  if (name == "go" || name == "golang") return Language::go;
  if (name == "c") return Language::c;
  if (name == "cpp" || name == "c++" || name == "cxx") return Language::cpp;
  if (name == "json") return Language::json;
  return std::nullopt;
}

}  // namespace assay::code
