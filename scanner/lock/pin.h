// Approving scanned surfaces into a lockfile: a first approval for a new server, and for a
// pinned one a recertification appended to its history with what changed since.
#pragma once
#include <string>
#include <vector>

#include "scanner/lock/lockfile.h"
#include "scanner/lock/lock_rules.h"
#include "scanner/lock/scanned_servers.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::lock {

struct PinOutcome {
  Lockfile lock;
  int first_approvals = 0;   // servers new to the lockfile
  int recertified = 0;       // pinned servers approved again
  int changed_items = 0;     // items that differed from their previous approval
};

// `approval.changes` is filled in per server. Servers in `lock` that were not scanned are kept
// as they are. AssayError(input) when two scanned servers share a key but declare different
// surfaces (they cannot both be the approved one).
PinOutcome pin_servers(Lockfile lock, const std::vector<ScannedServer>& scanned, const Approval& approval,
                       const std::vector<LockRule>& rules, const rules::MetadataEngine& engine);

}  // namespace assay::lock
