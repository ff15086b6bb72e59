// Reads offline inventories: a saved tools/list result, a whole JSON-RPC response, or an
// inventory written by `mcp-assay inventory`.
#pragma once
#include <memory>
#include <string>

#include "scanner/model/inventory.h"
#include "scanner/targets/json_locator.h"

namespace assay::targets {

struct LoadedDump {
  Inventory inventory;                    // source pointers set into the file
  std::shared_ptr<JsonLocator> locator;   // pointer -> file position
};

// Throws AssayError(input) for an unreadable file, invalid JSON (with line and column), or
// JSON that is none of the three shapes.
LoadedDump load_dump_file(const std::string& path);

// Same, for text already in memory (`path` names it in locations and messages).
LoadedDump load_dump_text(const std::string& path, const std::string& text);

// Position of byte `offset` in `text` as "line L, column C", for error messages.
std::string describe_offset(const std::string& text, size_t offset);

}  // namespace assay::targets
