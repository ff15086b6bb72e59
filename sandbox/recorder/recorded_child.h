// Runs a command in a plain forked child under the recording filter, without namespaces: for the
// recorder's tests and the overhead benchmark (the sandbox proper loads the filter in its init).
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

#include "sandbox/recorder/recording_filter.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

struct RecordedChild {
  pid_t pid = -1;
  UniqueFd notify_fd;  // hand it to a SyscallRecorder at once: the child's execve waits for it
};

struct RecordedChildIo {
  int stdin_fd = -1;   // -1: inherit
  int stdout_fd = -1;
  int stderr_fd = -1;
};

// Forks, loads `filter` in the child (async-signal-safe work only, so a multithreaded caller is
// fine), receives the notify fd over a socketpair and returns. The child is the caller's to reap.
// Throws std::runtime_error with the reason when the filter cannot be loaded (the child is reaped).
RecordedChild spawn_recorded(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env, const RecordingFilter& filter,
                             RecordedChildIo io = {});

// The fd number spawn_recorded's child hands the notify fd over; pass it to
// prepare_recording_filter so that one sendmsg is not recorded.
int recorded_child_handoff_fd();

}  // namespace assay::sandbox
