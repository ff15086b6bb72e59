// Finds where each JSON value sits in its file, so findings point at real lines and columns.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

#include "scanner/model/finding.h"

namespace assay::targets {

class JsonLocator {
 public:
  // `text` must be JSON that already parsed; values deeper than `max_depth` are not indexed.
  JsonLocator(std::string file, std::string_view text, int max_depth = 256);

  // The region of the value at `pointer` (RFC 6901). Unknown pointers fall back to the
  // nearest indexed ancestor, then to line 1 of the file, so a location is never empty.
  PhysicalLocation locate(const std::string& pointer) const;

 struct Span {
    int start_line, start_column, end_line, end_column;
  };

 private:
  std::string file_;
  std::unordered_map<std::string, Span> spans_;
};

}  // namespace assay::targets
