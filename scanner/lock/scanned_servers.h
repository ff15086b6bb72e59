// The servers one scan read, each with the identity the lockfile keys it by and the inventory
// file its declarations were read from: shared by `pin` and `scan --lock`, so both key alike.
#pragma once
#include <string>
#include <vector>

#include "scanner/lock/lockfile.h"
#include "scanner/model/scan_result.h"
#include "scanner/scan/scan_runner.h"

namespace assay::lock {

struct ScannedServer {
  ServerKey key;
  std::string target;        // as the scan names it
  targets::LoadedDump dump;  // the inventory file, re-read so locations index its bytes
};

// Every target the scan read an inventory for; failed and source-code targets are left out.
std::vector<ScannedServer> scanned_servers(const scan::ScanRequest& request, const ScanResult& result);

// The pinned entry for `key`: the same name and launch, or, when one side was read from an
// inventory file (no launch), the only entry of that name. `renamed_launch` is set to the
// pinned launch when an entry has the name but another launch.
const LockedServer* match_server(const Lockfile& lock, const ServerKey& key, std::string* other_launch = nullptr);
LockedServer* match_server(Lockfile& lock, const ServerKey& key, std::string* other_launch = nullptr);

}  // namespace assay::lock
