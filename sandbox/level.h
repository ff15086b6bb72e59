// How well this host can isolate a process: full, partial (with the reason) or none.
#pragma once
#include <string>

namespace assay::sandbox {

enum class IsolationLevel { full, partial, none };

struct SandboxLevel {
  IsolationLevel level = IsolationLevel::none;
  std::string reason;  // empty when full; why isolation is partial or missing otherwise
};

const char* to_string(IsolationLevel level);
// "full", "partial: no network namespace (...)", "none: user namespaces refused (...)"
std::string describe(const SandboxLevel& level);

// Tries, in a short-lived child, to create the namespaces the sandbox needs. Cached after the
// first call (the answer does not change while we run). Never throws.
SandboxLevel probe_sandbox_level();

}  // namespace assay::sandbox
