// mcp-assay.lock: the approved declared surface of each server, its hashes, and who approved
// it when and why. Written with a stable key and item order so it diffs well in review.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "scanner/lock/surface.h"
#include "scanner/targets/json_locator.h"

namespace assay::lock {

inline constexpr int kLockfileVersion = 1;

struct Approval {
  std::string approver;
  std::string at;      // UTC, 2026-11-25T17:00:00Z
  std::string reason;
  std::vector<std::string> changes;  // what this approval accepted, relative to the one before
};

struct LockedServer {
  ServerKey key;
  std::vector<SurfaceItem> items;  // sorted by kind, then key
  std::vector<Approval> approvals;  // oldest first
  std::string pointer;              // JSON pointer of the entry in the file it was read from
  std::vector<std::string> item_pointers;  // parallel to items
};

struct Lockfile {
  std::string path;
  std::vector<LockedServer> servers;  // sorted by key
  std::shared_ptr<targets::JsonLocator> locator;  // set when read from a file
};

// AssayError(input) with the path and what is wrong: unreadable, not JSON (line and column),
// not a lockfile, another version, a malformed entry, an item whose hash does not match it.
Lockfile read_lockfile(const std::string& path);
Lockfile parse_lockfile(const std::string& path, const std::string& text);

// The file's text; servers and items sorted, object keys in a fixed order, ending in a newline.
std::string render_lockfile(const Lockfile& lock);

// Hash over a server's item hashes: one value that says whether anything changed at all.
std::string surface_hash(const std::vector<SurfaceItem>& items);

}  // namespace assay::lock
