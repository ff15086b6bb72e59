// Resource limits of a sandboxed process tree: what the kernel enforces per process (rlimits) and
// the wall clock the supervisor enforces for the whole sandbox.
#pragma once
#include <nlohmann/json.hpp>

namespace assay::sandbox {

struct Limits {
  double wall_clock_seconds = 60;                 // supervisor: SIGKILL to the sandbox's init
  double cpu_seconds = 60;                         // RLIMIT_CPU, per process
  long long memory_bytes = 4LL << 30;              // RLIMIT_DATA, per process (not AS: see limits.cpp)
  int max_processes = 256;                         // RLIMIT_NPROC, counted in the sandbox's user namespace
  long long max_file_bytes = 64LL << 20;           // RLIMIT_FSIZE
  int max_open_files = 512;                        // RLIMIT_NOFILE
};

// Applies the rlimits to the calling process (a forked child about to exec). Only setrlimit
// calls, so it is safe between fork and exec. Returns 0, or the errno of the first failure.
int apply_rlimits(const Limits& limits);

// The limit a signal that killed a process stands for ("cpu" for SIGXCPU, "file size" for
// SIGXFSZ), or nullptr.
const char* limit_for_signal(int signal);

void to_json(nlohmann::json& j, const Limits& l);
void from_json(const nlohmann::json& j, Limits& l);

}  // namespace assay::sandbox
