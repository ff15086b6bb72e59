// Reads a code rule's `clang:` block into the engine's RuleSpec, with the value patterns of
// constant rules compiled (RE2) on this side of the engine boundary.
#pragma once
#include <re2/re2.h>

#include <memory>
#include <string>

#include "scanner/code/clang/engine/engine_api.h"
#include "scanner/code/code_rule.h"

namespace assay::code {

struct ClangRule {
  const CodeRule* rule = nullptr;
  clang_engine::RuleSpec spec;
  // Constant rules: a folded value is a finding when it matches `value_matches` and not
  // `value_excludes` (RE2, unanchored).
  std::shared_ptr<const RE2> value_matches;
  std::shared_ptr<const RE2> value_excludes;

  bool accepts_value(const std::string& value) const;
};

// Throws AssayError(input) naming the rule file for a malformed block:
//   clang:
//     sources: tool-arguments | constants
//     sinks:
//       - functions: [system, popen]     # plain names: free functions; A::b: qualified
//         args: [0]
//         when_shell: 0                  # optional: argument 0 must name a shell
//         when_arg: {index: 1, is: CURLOPT_URL}  # optional: argument 1 written as CURLOPT_URL
//     sanitizers: {functions: [...], canonicalizers: [...], checks: [...]}
//     value_matches: '...'  value_excludes: '...'   # constants only
ClangRule read_clang_rule(const CodeRule& rule);

}  // namespace assay::code
