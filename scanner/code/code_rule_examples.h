// Checks every code rule against its annotated example file, semgrep style: a `ruleid: ID`
// comment above each line where a finding must start, `ok: ID` above lines where none may,
// and no finding anywhere else.
#pragma once
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/code/code_rule.h"

namespace assay::code {

struct CodeExampleResult {
  const CodeRule* rule = nullptr;
  int line = 0;          // the example line checked (0 = the file as a whole)
  bool passed = false;
  std::string detail;    // "expected a finding", "unexpected finding: ...", ...
};

struct ExampleAnnotations {
  std::set<int> must_match;      // lines under `ruleid: ID`
  std::set<int> must_not_match;  // lines under `ok: ID`
};

// Annotations for `rule_id` in an example's text. An annotation applies to the next line that
// is not itself an annotation.
ExampleAnnotations read_annotations(std::string_view text, std::string_view rule_id);

std::vector<CodeExampleResult> run_code_rule_examples(const std::vector<CodeRule>& rules);

}  // namespace assay::code
