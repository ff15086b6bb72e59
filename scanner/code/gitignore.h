// .gitignore rules as git applies them to a tree walk: nested files, negation, directory-only
// and anchored patterns; the last matching pattern wins.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace assay::code {

class IgnoreRules {
 public:
  // Adds the patterns of one ignore file found in `base` ("" = the scan root, else a
  // '/'-separated relative directory). Blank lines and comments are skipped.
  void add_file(std::string_view base, std::string_view contents);

  // Whether a path (relative to the scan root) is ignored. Only patterns from ignore files
  // in its ancestors apply; the caller does not descend into ignored directories, so a file
  // in an ignored directory cannot be re-included (as in git).
  bool ignored(std::string_view path, bool is_directory) const;

 private:
  struct Pattern {
    std::string base;  // directory of the .gitignore, "" for the root
    std::string glob;  // without leading '!' / '/' and trailing '/'
    bool negated = false;
    bool directory_only = false;
    bool anchored = false;  // contained a '/' other than a trailing one
  };
  std::vector<Pattern> patterns_;
};

}  // namespace assay::code
