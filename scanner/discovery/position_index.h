// Pointer -> position for formats whose parsers report positions per node (YAML, TOML).
#pragma once
#include <memory>
#include <string>
#include <unordered_map>

#include "scanner/model/finding.h"

namespace assay::discovery {

class PositionIndex {
 public:
  explicit PositionIndex(std::string file) : file_(std::move(file)) {}
  void add(const std::string& pointer, int line, int column) { at_.emplace(pointer, std::make_pair(line, column)); }

  // The nearest indexed ancestor when `pointer` itself is unknown, then line 1.
  PhysicalLocation locate(std::string pointer) const {
    PhysicalLocation loc;
    loc.file = file_;
    loc.start_line = 1;
    loc.start_column = 1;
    while (true) {
      if (auto it = at_.find(pointer); it != at_.end()) {
        loc.start_line = it->second.first;
        loc.start_column = it->second.second;
        return loc;
      }
      if (pointer.empty()) return loc;
      pointer.erase(pointer.rfind('/'));
    }
  }

 private:
  std::string file_;
  std::unordered_map<std::string, std::pair<int, int>> at_;
};

}  // namespace assay::discovery
