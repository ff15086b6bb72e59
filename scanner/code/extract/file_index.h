// One pass over a parsed file recording what the extractor and the taint engine look up by
// name: variable bindings, function definitions, object members, Go struct types.
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "scanner/code/parse.h"

namespace assay::code {

struct FileIndex {
  const ParsedFile* file = nullptr;
  std::multimap<std::string, TSNode> values;     // name -> the expression bound to it
  std::multimap<std::string, TSNode> functions;  // name -> function node (declarations, methods,
                                                 // `const f = () => ...`, `key: function ...`)
  std::multimap<std::string, TSNode> members;    // object literal key -> value (`handler: fn`)
  std::map<std::string, TSNode> struct_types;    // Go: type name -> struct_type
  std::set<std::string> mutated;  // names reassigned or updated (`x++`, `x += 1`, `x = ...` again)

  // The single value bound to `name`, or a null node when there is none or several.
  TSNode unique_value(const std::string& name) const;
  // Function nodes a callee name may refer to (functions first, then members whose value is a
  // function or names one); at most `limit`.
  std::vector<TSNode> resolve_function(const std::string& name, size_t limit = 8) const;
};

FileIndex build_file_index(const ParsedFile& file);

}  // namespace assay::code
