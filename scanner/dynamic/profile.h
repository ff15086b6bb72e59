// The least-privilege profile: what a server was seen to need while it started and was fuzzed
// (files read and written, hosts, ports and names, programs), as stable, machine-readable JSON
// an MCP gateway or a sandbox can enforce, and a baseline to diff a later version against.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/dynamic/trace.h"

namespace assay::dynamic {

struct ProfileContext {
  std::string server;
  std::vector<std::string> command;
  std::string sandbox_level;
};

// Sorted and deduplicated; the work dir shown as {workdir} (paths inside it as {workdir}/DIR/**,
// since the fuzzer named them); process ids in /proc paths as
// {pid}. What a payload made the server do (paths and hosts naming a call's canary, honeytokens,
// canary files) is not needed access: it is listed under "flagged" with why, never in the lists.
nlohmann::json build_profile(const DynamicTrace& trace, const ProfileContext& context);

}  // namespace assay::dynamic
