// Process groups of the servers this process launched, so that an interrupted scan (Ctrl-C,
// a CI job cancelled with SIGTERM) still kills them: they run in their own session and would
// otherwise outlive the scanner.
#pragma once
#include <sys/types.h>

namespace assay::mcp {

void remember_group(pid_t pgid);
void forget_group(pid_t pgid);

// Installs handlers for SIGINT, SIGTERM and SIGHUP that SIGKILL every remembered group and
// then let the signal end the process as it would have. For programs (the CLI), not libraries.
void kill_launched_groups_on_interrupt();

}  // namespace assay::mcp
