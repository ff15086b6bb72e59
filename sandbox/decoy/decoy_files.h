// The groups of files honeytoken_home() assembles; one builder per kind of secret store.
#pragma once
#include "sandbox/decoy/canary_set.h"
#include "sandbox/decoy/honeytoken_home.h"

#include <vector>

namespace assay::sandbox {

// ~/.ssh, ~/.aws, gcloud, .netrc, docker, git credentials, .npmrc, kube config.
void add_credential_files(const CanarySet& canaries, std::vector<DecoyFile>& files);
// MCP client configs, shell histories, the project .env, .gitconfig.
void add_developer_files(const CanarySet& canaries, std::vector<DecoyFile>& files);
// Chrome's Login Data and Cookies.
void add_browser_files(const CanarySet& canaries, std::vector<DecoyFile>& files);
std::string dotenv_content(const CanarySet& canaries);

}  // namespace assay::sandbox
