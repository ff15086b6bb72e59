// Walks a source tree the way a reviewer would: what the project wrote (or what a package
// ships), not its dependencies, build copies or ignored files.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/code/source_file.h"

namespace assay::code {

struct WalkOptions {
  bool include_dependencies = false;  // node_modules, vendor/, virtualenvs, bower_components
  // A published package (an unpacked tarball) ships its build output: scan dist/ even if
  // the sources are there too.
  bool scan_build_output = false;
  bool honour_gitignore = true;
  std::size_t max_file_bytes = 2u << 20;
  std::size_t max_files = 50000;
  // Paths the user left out (see path_filter_match in glob.h); a matching directory is not entered.
  std::vector<std::string> exclude_paths;
};

// Language of a file from its name, else from a `#!` first line; nullopt = not source.
// package.json counts as json (install hooks); *.d.ts and *.min.map are not source.
std::optional<Language> language_for(std::string_view path, std::string_view first_line);

// Calls `on_file` for every source file under `root` in a stable (sorted) order, and
// `on_skip` with "path: why" for what a user would expect scanned but was left out
// (too large, unreadable, a symlink leaving the tree, build output built from sources
// that are present, the file bound). Paths are relative to `root`, '/'-separated.
// Throws AssayError(input) if `root` is not a readable directory.
void walk_sources(const std::string& root, const WalkOptions& options,
                  const std::function<void(SourceFile&&)>& on_file,
                  const std::function<void(std::string)>& on_skip);

struct WalkResult {
  std::vector<SourceFile> files;
  std::vector<std::string> skipped;
};
WalkResult walk_sources(const std::string& root, const WalkOptions& options);

}  // namespace assay::code
