// Assembles the decoy home from its groups of credential files.
#include "sandbox/decoy/honeytoken_home.h"

#include "sandbox/decoy/decoy_files.h"

namespace assay::sandbox {

std::vector<DecoyFile> honeytoken_home(const CanarySet& canaries) {
  std::vector<DecoyFile> files;
  add_credential_files(canaries, files);
  add_developer_files(canaries, files);
  add_browser_files(canaries, files);
  return files;
}

DecoyFile project_dotenv(const CanarySet& canaries) {
  return {".env", dotenv_content(canaries), 0644, false};
}

}  // namespace assay::sandbox
