// The decoy home directory's contents: realistic credential files, each holding its own canary.
#pragma once
#include "sandbox/decoy/canary_set.h"

#include <string>
#include <vector>

namespace assay::sandbox {

struct DecoyFile {
  std::string relative_path;  // below HOME, e.g. ".ssh/id_rsa"; parent directories implied (0700)
  std::string content;
  int mode = 0600;
  bool honeytoken = true;     // false for realism-only files (.pub keys, .gitconfig)
};

// Every file of the decoy home; values come from `canaries` (a CanarySet::generate() set).
std::vector<DecoyFile> honeytoken_home(const CanarySet& canaries);
// The project's .env, for the work dir (relative_path ".env"). Kept apart from the home because
// reading one's own .env is what dotenv does at start-up: its open is no evidence, its values
// leaving through the sinkhole are. It holds the same canaries as ~/projects/webapp/.env.
DecoyFile project_dotenv(const CanarySet& canaries);

}  // namespace assay::sandbox
