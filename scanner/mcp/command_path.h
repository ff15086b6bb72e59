// Resolves the command of a LaunchSpec to an executable file before anything is forked, so that
// "not found" and "not executable" become clear one-line errors instead of a child's exit code.
#pragma once
#include <string>

#include "scanner/mcp/stdio_client.h"

namespace assay::mcp {

// Absolute path of argv[0]: taken as a path when it contains '/', else searched in PATH (the
// spec's own PATH when extra_env sets one). Throws AssayError(target) when there is none.
std::string resolve_command(const LaunchSpec& spec);

// Absolute working directory for the server (the current one when the spec leaves it empty).
// Throws AssayError(target) when it is not a directory.
std::string resolve_working_dir(const LaunchSpec& spec);

}  // namespace assay::mcp
