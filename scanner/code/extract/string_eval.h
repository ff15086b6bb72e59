// Static evaluation of a string-valued expression: its text when it is a constant, and what
// it reads when it is not (the environment, the clock, a counter, the network, a file).
#pragma once
#include <tree_sitter/api.h>

#include <string>
#include <vector>

#include "scanner/code/extract/file_index.h"

namespace assay::code {

struct StaticString {
  bool constant = true;      // every part is known at scan time
  std::string text;          // the value; for a non-constant, the known parts with "{...}" holes
  std::vector<std::string> reads;  // for a non-constant: the run-time inputs it depends on
  bool resolved = true;      // false when a part could not be followed (imported, parameter)
};

StaticString evaluate_string(const FileIndex& index, TSNode expr);

}  // namespace assay::code
