// Paths as a tracee named them, made absolute and comparable from the supervisor's side.
#pragma once
#include <sys/types.h>

#include <string>

namespace assay::sandbox {

// Makes `raw` absolute against the tracee's directory fd (AT_FDCWD: its cwd) read through
// /proc/PID/fd/N or /proc/PID/cwd, then folds ".", ".." and repeated slashes lexically so
// "/home/u/.ssh/../.ssh/id_rsa" compares equal to the plain path. Absolute paths cost no /proc read.
// When the directory cannot be read (the tracee died) the relative path is returned folded.
std::string absolute_tracee_path(pid_t pid, int dirfd, const std::string& raw);

// Lexical folding only (no symlinks: the tracee's filesystem view is not ours).
std::string fold_path(const std::string& path);

// Whether `path` is `dir` or below it (both absolute and folded; an empty dir contains nothing).
bool path_inside(const std::string& path, const std::string& dir);

// Whether the tracee could find `path` (absolute) in its own root, resolved through
// /proc/PID/root so its mount namespace and symlinks apply. True when it cannot be checked.
bool tracee_path_exists(pid_t pid, const std::string& path);

}  // namespace assay::sandbox
