// Init's life after the target started: reap every child (pid 1 inherits orphans), report the
// target's exit and limit hits, serve the supervisor's requests, and exit with the target.
#pragma once
#include <sys/types.h>

#include "sandbox/init_config.h"

namespace assay::sandbox {

// Returns when the target has exited or the supervisor has gone; init then exits, and the
// kernel kills whatever is left in the pid namespace. `signal_fd` is a signalfd for SIGCHLD.
void run_init_loop(const InitConfig& config, pid_t target, int control_fd, int signal_fd);

}  // namespace assay::sandbox
