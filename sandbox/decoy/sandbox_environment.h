// The environment a sandboxed process starts with: the host's environment scrubbed to what
// programs need to run, the decoy identity, and canary-valued credentials servers go looking for.
#pragma once
#include "sandbox/decoy/canary_set.h"

#include <string>
#include <vector>

namespace assay::sandbox {

// host_env and extra are KEY=VALUE entries. Kept from the host: PATH, LANG, LANGUAGE, LC_*, TZ,
// TERM (PATH defaults to the standard one when absent). Set: HOME=home, USER and LOGNAME to the
// home's last component, SHELL=/bin/bash, and the decoy credentials (GITHUB_TOKEN, GH_TOKEN,
// OPENAI_API_KEY, AWS_*, DATABASE_URL, ...). `extra` is what the caller asked for explicitly and
// wins over everything else. Result sorted by key, one entry per key.
std::vector<std::string> sandbox_environment(const std::vector<std::string>& host_env,
                                             const CanarySet& canaries, const std::string& home,
                                             const std::vector<std::string>& extra);

}  // namespace assay::sandbox
