// Canonical names of what a call calls, through imports, require(), aliases and promisify:
// `import { exec as Be } from "child_process"; const je = promisify(Be); je(cmd)` calls
// "child_process.exec". Sinks name these, so a minified bundle matches like the source did.
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <set>
#include <string>

#include "scanner/code/parse.h"

namespace assay::code {

class CalleeNames {
 public:
  explicit CalleeNames(const ParsedFile& file);
  // "child_process.exec", "subprocess.run", "os/exec.Command", "eval"; "" when not a name.
  std::string resolve(TSNode expr) const;
  // Whether a name was bound by an import or require() (directly or through promisify):
  // calls through it go to another module, not to a function of this file.
  bool is_module_binding(std::string_view name) const { return module_bound_.count(std::string(name)) > 0; }

 private:
  std::string resolve(TSNode expr, int depth) const;
  void bind_javascript(TSNode root);
  void bind_python(TSNode root);
  void bind_go(TSNode root);
  std::string module_of_call(TSNode call) const;  // require("m") and bundler wrappers -> "m"

  const ParsedFile& file_;
  std::map<std::string, std::string> aliases_;  // local name -> canonical name
  std::set<std::string> module_bound_;          // names bound by import / require
};

// Glob match of a resolved name against a pattern where `*` matches any run of characters.
bool callee_matches(std::string_view pattern, std::string_view name);

}  // namespace assay::code
