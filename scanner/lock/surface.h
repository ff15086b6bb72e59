// A server's declared surface as the lockfile pins it: one normalized item per tool, prompt,
// resource, resource template, and the server instructions, each with its hash.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/model/inventory.h"

namespace assay::lock {

enum class ItemKind { instructions, tool, prompt, resource, resource_template };

// "instructions", "tool", "prompt", "resource", "resource template"
const char* to_string(ItemKind kind);
// The lockfile's list name: "instructions", "tools", "prompts", "resources", "resourceTemplates".
const char* list_name(ItemKind kind);
std::optional<ItemKind> kind_from_list_name(const std::string& name);

struct SurfaceItem {
  ItemKind kind = ItemKind::tool;
  std::string key;           // tool/prompt name, resource URI, template URI template; "instructions"
  nlohmann::json declared;   // normalized protocol JSON of the item
  std::string sha256;        // canonical_hash(declared)
  std::string source_pointer;  // where the item sits in its inventory file ("" when unknown)
};

// How a server is told apart from others: its name, and how it is started or reached. `launch`
// is empty for a server read from an inventory or dump file (matched by name alone).
struct ServerKey {
  std::string name;
  std::string launch;  // "stdio: node build/index.js", "url: https://host/mcp"
};
bool operator==(const ServerKey& a, const ServerKey& b);
bool operator<(const ServerKey& a, const ServerKey& b);
std::string describe(const ServerKey& key);  // "notes (stdio: python3 server.py)"

// Items sorted by kind, then key; version and capabilities are left out (a version bump is not
// a change of what the model is told).
std::vector<SurfaceItem> surface_of(const Inventory& inv);

// One item from its lockfile form; the key is taken from the declaration. nullopt when the
// declaration lacks its key field.
std::optional<SurfaceItem> item_from_declared(ItemKind kind, const nlohmann::json& declared);

}  // namespace assay::lock
