// Static scan of a source tree or an npm package tarball: walk, parse, run code rules,
// extract declared tools and run them through the metadata rules.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/model/finding.h"
#include "scanner/model/inventory.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::code {

struct CodeScanOptions {
  bool include_dependencies = false;      // --include-deps: node_modules, vendor/, ...
  bool honour_suppressions = true;        // false with --no-ignore
  std::size_t max_file_bytes = 2u << 20;  // larger files are skipped with a note
  std::size_t max_files = 50000;          // the walk stops there, with a note
  std::vector<std::string> exclude_paths; // globs (--exclude, `exclude:` in .mcp-assay.yaml) left out of the walk
};

struct CodeScanResult {
  std::vector<Finding> findings;
  std::vector<Finding> suppressed;    // silenced by an inline `mcp-assay: ignore[...]`
  std::vector<std::string> skipped;   // "path: why"
  std::vector<Inventory> extracted;   // tool inventories recovered from source
  // Where each extracted tool is declared (its name in source), for dynamic findings' locations.
  std::vector<std::pair<std::string, PhysicalLocation>> tool_declarations;
  int files_scanned = 0;
  std::size_t bytes_scanned = 0;
  std::string root;                   // what was scanned, as given
  std::string server;                 // the package's name, else the directory's
};

// Scans a directory or a .tgz. Throws AssayError(input) if the target cannot be read or the
// tarball is unsafe; individual unreadable or unparsable files are noted in `skipped`.
CodeScanResult scan_source(const std::string& dir_or_tgz, const std::vector<CodeRule>& rules,
                           const rules::MetadataEngine& metadata, const CodeScanOptions& options);

// True for what scan_source takes: a directory, or a path ending in .tgz / .tar.gz.
bool is_source_target(const std::string& path);

}  // namespace assay::code
