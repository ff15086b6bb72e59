// .gitignore semantics for the source walker.
#include "scanner/code/gitignore.h"

#include "scanner/code/glob.h"

namespace assay::code {

void IgnoreRules::add_file(std::string_view base, std::string_view contents) {
  size_t start = 0;
  while (start <= contents.size()) {
    size_t end = contents.find('\n', start);
    if (end == std::string_view::npos) end = contents.size();
    std::string line(contents.substr(start, end - start));
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // Trailing spaces are ignored unless escaped.
    while (!line.empty() && line.back() == ' ' && !(line.size() >= 2 && line[line.size() - 2] == '\\'))
      line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    Pattern p;
    p.base = std::string(base);
    if (line[0] == '!') {
      p.negated = true;
      line.erase(0, 1);
    } else if (line.size() >= 2 && line[0] == '\\' && (line[1] == '!' || line[1] == '#')) {
      line.erase(0, 1);
    }
    if (!line.empty() && line.back() == '/') {
      p.directory_only = true;
      line.pop_back();
    }
    if (line.empty()) continue;
    if (line[0] == '/') {
      p.anchored = true;
      line.erase(0, 1);
    }
    if (line.find('/') != std::string::npos) p.anchored = true;
    p.glob = std::move(line);
    if (!p.glob.empty()) patterns_.push_back(std::move(p));
  }
}

bool IgnoreRules::ignored(std::string_view path, bool is_directory) const {
  bool result = false;
  for (const auto& p : patterns_) {
    if (p.directory_only && !is_directory) continue;
    std::string_view rel = path;
    if (!p.base.empty()) {
      if (rel.size() <= p.base.size() || rel.substr(0, p.base.size()) != p.base || rel[p.base.size()] != '/')
        continue;
      rel.remove_prefix(p.base.size() + 1);
    }
    bool hit;
    if (p.anchored) {
      hit = glob_match(p.glob, rel);
    } else {
      auto slash = rel.rfind('/');
      hit = glob_match(p.glob, slash == std::string_view::npos ? rel : rel.substr(slash + 1));
    }
    if (hit) result = !p.negated;
  }
  return result;
}

}  // namespace assay::code
