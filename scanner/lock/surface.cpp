// Turning an inventory into the items the lockfile pins.
#include "scanner/lock/surface.h"

#include <algorithm>
#include <tuple>

#include "scanner/lock/canonical.h"

namespace assay::lock {
namespace {

using nlohmann::json;

void put_if(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

json declared_tool(const Tool& t) {
  json j = {{"name", t.name}, {"inputSchema", t.input_schema}};
  put_if(j, "title", t.title);
  put_if(j, "description", t.description);
  if (!t.output_schema.is_null()) j["outputSchema"] = t.output_schema;
  if (!t.annotations.is_null()) j["annotations"] = t.annotations;
  return j;
}

json declared_prompt(const Prompt& p) {
  json j = {{"name", p.name}};
  put_if(j, "title", p.title);
  put_if(j, "description", p.description);
  json args = json::array();
  for (const auto& a : p.arguments) {
    json aj = {{"name", a.name}, {"required", a.required}};
    put_if(aj, "title", a.title);
    put_if(aj, "description", a.description);
    args.push_back(aj);
  }
  // Argument order is how a client lists them; it is kept, so a reorder counts as an edit.
  if (!args.empty()) j["arguments"] = args;
  return j;
}

template <typename Entity>
json declared_uri_entity(const Entity& e, const char* uri_key, const std::string& uri) {
  json j = {{uri_key, uri}};
  put_if(j, "name", e.name);
  put_if(j, "title", e.title);
  put_if(j, "description", e.description);
  put_if(j, "mimeType", e.mime_type);
  return j;
}

const char* key_field(ItemKind kind) {
  switch (kind) {
    case ItemKind::instructions: return "instructions";
    case ItemKind::tool:
    case ItemKind::prompt: return "name";
    case ItemKind::resource: return "uri";
    case ItemKind::resource_template: return "uriTemplate";
  }
  return "name";
}

SurfaceItem make(ItemKind kind, const json& declared, const std::string& pointer) {
  SurfaceItem item;
  item.kind = kind;
  item.declared = normalize(declared);
  item.sha256 = canonical_hash(item.declared);
  item.key = kind == ItemKind::instructions ? "instructions" : item.declared[key_field(kind)].get<std::string>();
  item.source_pointer = pointer;
  return item;
}

}  // namespace

const char* to_string(ItemKind kind) {
  switch (kind) {
    case ItemKind::instructions: return "instructions";
    case ItemKind::tool: return "tool";
    case ItemKind::prompt: return "prompt";
    case ItemKind::resource: return "resource";
    case ItemKind::resource_template: return "resource template";
  }
  return "tool";
}

const char* list_name(ItemKind kind) {
  switch (kind) {
    case ItemKind::instructions: return "instructions";
    case ItemKind::tool: return "tools";
    case ItemKind::prompt: return "prompts";
    case ItemKind::resource: return "resources";
    case ItemKind::resource_template: return "resourceTemplates";
  }
  return "tools";
}

std::optional<ItemKind> kind_from_list_name(const std::string& name) {
  for (auto k : {ItemKind::instructions, ItemKind::tool, ItemKind::prompt, ItemKind::resource, ItemKind::resource_template})
    if (name == list_name(k)) return k;
  return std::nullopt;
}

bool operator==(const ServerKey& a, const ServerKey& b) { return a.name == b.name && a.launch == b.launch; }
bool operator<(const ServerKey& a, const ServerKey& b) { return std::tie(a.name, a.launch) < std::tie(b.name, b.launch); }

std::string describe(const ServerKey& key) {
  return key.launch.empty() ? key.name : key.name + " (" + key.launch + ")";
}

std::vector<SurfaceItem> surface_of(const Inventory& inv) {
  std::vector<SurfaceItem> out;
  if (!inv.server.instructions.empty()) {
    const std::string& sp = inv.server_pointer;
    out.push_back(make(ItemKind::instructions, json{{"instructions", inv.server.instructions}},
                       sp.empty() ? "" : sp + "/instructions"));
  }
  for (const auto& t : inv.tools) out.push_back(make(ItemKind::tool, declared_tool(t), t.source_pointer));
  for (const auto& p : inv.prompts) out.push_back(make(ItemKind::prompt, declared_prompt(p), p.source_pointer));
  for (const auto& r : inv.resources)
    out.push_back(make(ItemKind::resource, declared_uri_entity(r, "uri", r.uri), r.source_pointer));
  for (const auto& r : inv.resource_templates)
    out.push_back(make(ItemKind::resource_template, declared_uri_entity(r, "uriTemplate", r.uri_template),
                       r.source_pointer));
  std::stable_sort(out.begin(), out.end(), [](const SurfaceItem& a, const SurfaceItem& b) {
    return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
  });
  return out;
}

std::optional<SurfaceItem> item_from_declared(ItemKind kind, const json& declared) {
  if (!declared.is_object()) return std::nullopt;
  auto key = declared.find(key_field(kind));
  if (key == declared.end() || !key->is_string()) return std::nullopt;
  if (kind != ItemKind::instructions && key->get<std::string>().empty()) return std::nullopt;
  return make(kind, declared, "");
}

}  // namespace assay::lock
