// The C/C++ front end's entry point: runs the Clang engine over a tree's C and C++ files and
// returns findings and the tools declared in source. A plain header: no Clang types.
#pragma once
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/source_file.h"
#include "scanner/model/finding.h"

namespace assay::code {

struct ClangScanResult {
  std::vector<Finding> findings;
  // Tools declared in source (cpp-mcp tool_builder chains, C tool tables), shaped like the
  // tree-sitter extractor's so the metadata rules run on them. ExtractedTool::handler stays
  // null: the handlers are Clang declarations, analysed here.
  std::vector<ExtractedServer> servers;
  std::vector<std::string> skipped;  // "path: why"
  int translation_units = 0;         // parsed
};

struct ClangScanOptions {
  double time_budget_seconds = 120;  // no new translation unit starts after this
};

// `files`: the walked files of any language (only c/cpp are looked at); `root`: the scan
// root the files' paths are relative to; `rules`: the rules with a `clang:` block (others are
// ignored). Throws AssayError(input) for a malformed `clang:` block; never for source code.
ClangScanResult scan_c_family(const std::vector<SourceFile>& files, const std::string& root,
                              const std::vector<const CodeRule*>& rules,
                              const ClangScanOptions& options = {});

}  // namespace assay::code
