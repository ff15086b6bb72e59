// Reference expansion with RE2; one pass, so a value cannot smuggle in a second reference.
#include "scanner/discovery/expand_references.h"

#include <re2/re2.h>

#include <cstdlib>

namespace assay::discovery {

std::string expand_references(const std::string& value, std::vector<std::string>* unresolved) {
  static const RE2 whole(R"(^\$([A-Za-z_][A-Za-z0-9_]*)$)");
  static const RE2 braced(R"(\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)\}|\{env:([A-Za-z_][A-Za-z0-9_]*)\})");
  std::string name;
  if (RE2::FullMatch(value, whole, &name)) {
    if (const char* v = std::getenv(name.c_str())) return v;
    if (unresolved) unresolved->push_back(name);
    return value;
  }
  std::string out;
  re2::StringPiece input(value);
  re2::StringPiece groups[3];
  size_t pos = 0;
  while (pos <= value.size() && braced.Match(input, pos, value.size(), RE2::UNANCHORED, groups, 3)) {
    size_t start = groups[0].data() - value.data();
    out += value.substr(pos, start - pos);
    std::string var = groups[1].empty() ? std::string(groups[2]) : std::string(groups[1]);
    if (const char* v = std::getenv(var.c_str())) {
      out += v;
    } else {
      out += std::string(groups[0]);
      if (unresolved) unresolved->push_back(var);
    }
    pos = start + groups[0].size();
  }
  out += value.substr(std::min(pos, value.size()));
  return out;
}

}  // namespace assay::discovery
