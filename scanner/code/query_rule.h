// Runs a plain structural code rule (a `query:`) over one parsed file.
#pragma once
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/parse.h"
#include "scanner/model/finding.h"

namespace assay::code {

// A finding per match, at the @finding capture (else the match's first capture), with the
// message's {capture} placeholders filled. Nothing if the rule does not apply to the file's
// language or path.
// `check_path` = false runs it whatever the file is called (a rule's own example file).
void run_query_rule(const CodeRule& rule, const ParsedFile& file, std::vector<Finding>& out,
                    bool check_path = true);

// The steps of run_query_rule, for StructuralBatch, which gets one rule's matches out of a
// query shared with other rules.
struct RuleHit {
  TSNode at;
  std::string message;
};
RuleHit rule_hit(const CodeRule& rule, const ParsedFile& file, const QueryMatch& match);
// Findings for one rule's hits (in document order): one per place, the outermost kept.
void emit_rule_hits(const CodeRule& rule, const ParsedFile& file, std::vector<RuleHit>& hits,
                    std::vector<Finding>& out);

}  // namespace assay::code
