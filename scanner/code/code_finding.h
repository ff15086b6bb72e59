// Turns a code rule hit into a Finding: location, logical location, message, fingerprint.
#pragma once
#include <tree_sitter/api.h>

#include <string>

#include "scanner/code/code_rule.h"
#include "scanner/code/parse.h"
#include "scanner/model/finding.h"

namespace assay::code {

// Name of the function, method or class member a node sits in ("" at top level); arrow
// functions assigned to a variable or property take that name.
std::string enclosing_function_name(const ParsedFile& file, TSNode node);

// A finding of `rule` at `at`: physical location from the node, logical location
// "<file>:<function>" (or `logical` when given, e.g. a tool name), evidence = the node's
// first line (bounded), fingerprint over rule, file, function and evidence (not the line).
Finding make_code_finding(const CodeRule& rule, const ParsedFile& file, TSNode at,
                          std::string message, std::string logical = {});

}  // namespace assay::code
