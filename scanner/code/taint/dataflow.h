// Dataflow rules (MCP120-MCP149): taint from tool arguments (or remote content) to sinks, and
// tool descriptions built at run time.
#pragma once
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/parse.h"
#include "scanner/code/taint/file_facts.h"
#include "scanner/model/finding.h"

namespace assay::code {

// Runs one dataflow rule over one file. `tools_in_file` are the tools whose handler is in
// this file (tools_with_handler_in). Sources by rule:
//   tool-arguments       the handlers' argument parameters
//   remote-content       calls named by `dataflow.source_callees` inside the handlers
//   run-time-description descriptions declared in this file that are built at run time
// A rule that does not apply to the file's language gives nothing.
// `facts`, when given, is what every rule needs of the file, found once for all of them.
std::vector<Finding> run_dataflow_rule(const CodeRule& rule, const ParsedFile& file,
                                       const std::vector<ExtractedTool>& tools_in_file,
                                       const FileFacts* facts = nullptr);

}  // namespace assay::code
