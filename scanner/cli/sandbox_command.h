// `mcp-assay sandbox`: run any command in the sandbox and print what it did.
#pragma once
#include <string>
#include <vector>

namespace assay::cli {

struct SandboxCommand {
  std::vector<std::string> command;  // after `--`
  bool json = false;                 // JSON lines instead of text
  double timeout_seconds = 30;       // wall clock for the whole sandbox
};

// Prints one line per recorded event, then a summary (level, how the command ended, what it
// wrote to stdout and stderr). Our standard input is forwarded to the command. Returns 0 when
// the command ran, whatever its exit status (that is in the events); throws AssayError(target)
// when it could not be sandboxed.
int run_sandbox_command(const SandboxCommand& cmd);

}  // namespace assay::cli
