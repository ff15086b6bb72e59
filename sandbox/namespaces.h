// Starting the sandbox's init in new user, pid, mount, network, IPC and UTS namespaces.
#pragma once
#include <sys/types.h>

#include <string>

#include "sandbox/id_map.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

// The descriptors init finds in place: 0-2 the target's stdio, 3 its configuration, 4 the control
// socket. Everything else is closed before exec.
inline constexpr int kInitConfigFd = 3;
inline constexpr int kInitControlFd = 4;

struct InitLaunch {
  std::string init_path;        // the mcp-assay-sandbox-init binary
  int stdin_fd = -1, stdout_fd = -1, stderr_fd = -1;
  int config_fd = -1, control_fd = -1;
  bool network_namespace = true;
  IdMapping ids;
};

struct InitProcess {
  pid_t pid = -1;     // as the supervisor sees it
  UniqueFd pidfd;     // for a race-free kill and a pollable exit
};

// clone3() with the namespace flags and CLONE_PIDFD. The child only runs async-signal-safe
// system calls (the supervisor is multithreaded): it puts its descriptors in place, waits until
// the supervisor has written its uid/gid maps, becomes uid 0 of its namespace and execs init.
// Throws std::runtime_error with one line when the namespaces or the exec fail.
InitProcess spawn_init(const InitLaunch& launch);

}  // namespace assay::sandbox
