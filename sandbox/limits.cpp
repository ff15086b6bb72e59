// rlimits for the sandboxed target; the kernel enforces them, init reports when one was hit.
#include "sandbox/limits.h"

#include <sys/resource.h>

#include <cerrno>
#include <cmath>
#include <csignal>

namespace assay::sandbox {

namespace {

int set_limit(int resource, rlim_t value) {
  struct rlimit r{value, value};
  return ::setrlimit(resource, &r) == 0 ? 0 : errno;
}

}  // namespace

int apply_rlimits(const Limits& l) {
  // The CPU soft limit sends SIGXCPU (reported as a limit hit); the hard limit one second later
  // kills a process that ignores it.
  rlim_t cpu = static_cast<rlim_t>(std::ceil(l.cpu_seconds));
  struct rlimit cpu_limit{cpu, cpu + 1};
  if (::setrlimit(RLIMIT_CPU, &cpu_limit) != 0) return errno;
  // RLIMIT_DATA, not RLIMIT_AS: Node reserves gigabytes of PROT_NONE address space for
  // WebAssembly (undici, behind fetch, is WebAssembly) and an address-space cap breaks it; the
  // data limit counts only memory a process can actually write.
  if (int e = set_limit(RLIMIT_DATA, static_cast<rlim_t>(l.memory_bytes))) return e;
  if (int e = set_limit(RLIMIT_NPROC, static_cast<rlim_t>(l.max_processes))) return e;
  if (int e = set_limit(RLIMIT_FSIZE, static_cast<rlim_t>(l.max_file_bytes))) return e;
  if (int e = set_limit(RLIMIT_NOFILE, static_cast<rlim_t>(l.max_open_files))) return e;
  return set_limit(RLIMIT_CORE, 0);  // a crashing server must not write core files
}

const char* limit_for_signal(int signal) {
  if (signal == SIGXCPU) return "cpu";
  if (signal == SIGXFSZ) return "file size";
  return nullptr;
}

void to_json(nlohmann::json& j, const Limits& l) {
  j = {{"wall_clock_seconds", l.wall_clock_seconds}, {"cpu_seconds", l.cpu_seconds},
       {"memory_bytes", l.memory_bytes},             {"max_processes", l.max_processes},
       {"max_file_bytes", l.max_file_bytes},         {"max_open_files", l.max_open_files}};
}

void from_json(const nlohmann::json& j, Limits& l) {
  l.wall_clock_seconds = j.at("wall_clock_seconds").get<double>();
  l.cpu_seconds = j.at("cpu_seconds").get<double>();
  l.memory_bytes = j.at("memory_bytes").get<long long>();
  l.max_processes = j.at("max_processes").get<int>();
  l.max_file_bytes = j.at("max_file_bytes").get<long long>();
  l.max_open_files = j.at("max_open_files").get<int>();
}

}  // namespace assay::sandbox
