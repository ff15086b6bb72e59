// Init's child: the sandboxed command, started with limits, no privileges and the recording filter.
#pragma once
#include <sys/types.h>

#include <string>

#include "sandbox/init_config.h"

namespace assay::sandbox {

// The executable for argv[0], looked up in the PATH of the target's environment (execvpe would
// use init's own environment, which is empty). Empty when there is none.
std::string resolve_command(const InitConfig& config);

// Forks the target: new session, cwd = the work dir, rlimits, no capabilities (bounding set
// included, root's exec-time capabilities disabled), no_new_privs, only fds 0-2 left, the
// recording filter loaded and its notify fd sent on the control socket, then execve. The child
// announces itself on the control socket ("notify_fd" or "target_started"), so the supervisor
// learns its pid. Returns the pid in the sandbox's pid namespace; throws std::system_error.
pid_t launch_target(const InitConfig& config, const std::string& executable, int control_fd);

}  // namespace assay::sandbox
