// Runs a plain structural code rule (a `query:`) over one parsed file.
#pragma once
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

}  // namespace assay::code
