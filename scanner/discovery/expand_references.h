// Client configs refer to secrets and paths kept elsewhere (${VAR}, ${env:VAR}, {env:VAR});
// launching a configured server the way its client would means resolving them from our own
// environment. VS Code's ${input:...} prompts cannot be answered and are left as written.
#pragma once
#include <string>
#include <vector>

namespace assay::discovery {

// Replaces ${VAR}, ${env:VAR}, {env:VAR} and a whole-value $VAR with the variable's value from
// the environment; unknown variables are left as written and named in *unresolved.
std::string expand_references(const std::string& value, std::vector<std::string>* unresolved);

}  // namespace assay::discovery
