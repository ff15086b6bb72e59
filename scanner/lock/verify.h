// `scan --lock`: every difference between the pinned surfaces and what the scan read, as
// MCP31x findings with a readable semantic diff.
#pragma once
#include <string>
#include <vector>

#include "scanner/lock/classify.h"
#include "scanner/lock/lockfile.h"
#include "scanner/lock/scanned_servers.h"
#include "scanner/model/finding.h"
#include "scanner/scan/rule_set.h"

namespace assay::lock {

// One item that differs between the pin and the scan, with the rules its changes fall under.
struct ItemDifference {
  ItemKind kind;
  std::string key;
  const SurfaceItem* pinned = nullptr;   // null = new
  const SurfaceItem* scanned = nullptr;  // null = removed
  size_t pinned_index = 0;               // into LockedServer::items / item_pointers
  std::vector<Verdict> verdicts;
};
std::vector<ItemDifference> compare_server(const LockedServer& pinned, const std::vector<SurfaceItem>& scanned,
                                           const std::vector<LockRule>& rules, const rules::MetadataEngine& engine);

// Findings for the scanned servers against `lock`. Pinned servers not scanned are reported as
// missing unless their name is in `failed` (a target that failed is reported as failed).
std::vector<Finding> verify_against_lock(const Lockfile& lock, const std::vector<ScannedServer>& scanned,
                                         const std::vector<std::string>& failed, const std::vector<LockRule>& rules,
                                         const rules::MetadataEngine& engine);

// The scan's hook: reads request.lock_file, adds the lock rules to the catalogue and the
// findings to `result`. AssayError(input) for a bad lockfile or a rules tree without lock/.
void verify_scan(const scan::ScanRequest& request, const scan::RuleSet& rules, ScanResult& result);

}  // namespace assay::lock
