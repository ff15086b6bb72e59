// Conversions between the inventory model and JSON: MCP protocol shapes and our own dump format.
#include "scanner/model/inventory.h"

namespace assay {
namespace {

using nlohmann::json;

// A hostile server may put numbers, arrays or nulls where strings belong; such values read as "".
std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

json value_or_null(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? json() : *it;
}

void put_if(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}

}  // namespace

std::optional<Tool> tool_from_protocol(const json& j, std::string* why) {
  if (!j.is_object()) {
    if (why) *why = "tool entry is not an object";
    return std::nullopt;
  }
  Tool t;
  t.name = str(j, "name");
  if (t.name.empty()) {
    if (why) *why = "tool entry has no name";
    return std::nullopt;
  }
  t.title = str(j, "title");
  t.description = str(j, "description");
  json schema = value_or_null(j, "inputSchema");
  t.input_schema = schema.is_object() ? schema : json::object();
  t.output_schema = value_or_null(j, "outputSchema");
  t.annotations = value_or_null(j, "annotations");
  if (t.title.empty() && t.annotations.is_object()) t.title = str(t.annotations, "title");
  return t;
}

std::optional<Prompt> prompt_from_protocol(const json& j, std::string* why) {
  if (!j.is_object() || str(j, "name").empty()) {
    if (why) *why = "prompt entry has no name";
    return std::nullopt;
  }
  Prompt p;
  p.name = str(j, "name");
  p.title = str(j, "title");
  p.description = str(j, "description");
  auto args = j.find("arguments");
  if (args != j.end() && args->is_array()) {
    for (const auto& a : *args) {
      if (!a.is_object()) continue;
      PromptArgument pa;
      pa.name = str(a, "name");
      pa.title = str(a, "title");
      pa.description = str(a, "description");
      auto req = a.find("required");
      pa.required = req != a.end() && req->is_boolean() && req->get<bool>();
      p.arguments.push_back(std::move(pa));
    }
  }
  return p;
}

namespace {

// Resources and resource templates share everything but the key that holds their URI.
template <typename Entity>
std::optional<Entity> uri_entity_from_protocol(const json& j, const char* uri_key, std::string Entity::*uri,
                                               const char* what, std::string* why) {
  if (!j.is_object() || (str(j, uri_key).empty() && str(j, "name").empty())) {
    if (why) *why = std::string(what) + " entry has neither " + uri_key + " nor name";
    return std::nullopt;
  }
  Entity r;
  r.*uri = str(j, uri_key);
  r.name = str(j, "name");
  r.title = str(j, "title");
  r.description = str(j, "description");
  r.mime_type = str(j, "mimeType");
  return r;
}

template <typename Entity>
json uri_entity_to_json(const Entity& r, const char* uri_key, const std::string& uri) {
  json rj = {{uri_key, uri}};
  put_if(rj, "name", r.name);
  put_if(rj, "title", r.title);
  put_if(rj, "description", r.description);
  put_if(rj, "mimeType", r.mime_type);
  return rj;
}

}  // namespace

std::optional<Resource> resource_from_protocol(const json& j, std::string* why) {
  return uri_entity_from_protocol<Resource>(j, "uri", &Resource::uri, "resource", why);
}

std::optional<ResourceTemplate> resource_template_from_protocol(const json& j, std::string* why) {
  return uri_entity_from_protocol<ResourceTemplate>(j, "uriTemplate", &ResourceTemplate::uri_template,
                                                    "resource template", why);
}

json tool_to_protocol(const Tool& t) {
  json j = {{"name", t.name}};
  put_if(j, "title", t.title);
  put_if(j, "description", t.description);
  j["inputSchema"] = t.input_schema;
  if (!t.output_schema.is_null()) j["outputSchema"] = t.output_schema;
  if (!t.annotations.is_null()) j["annotations"] = t.annotations;
  return j;
}

void to_json(json& j, const Inventory& inv) {
  json server = {{"name", inv.server.name}};
  put_if(server, "version", inv.server.version);
  put_if(server, "protocolVersion", inv.server.protocol_version);
  put_if(server, "instructions", inv.server.instructions);
  server["capabilities"] = inv.server.capabilities;
  json tools = json::array();
  for (const auto& t : inv.tools) tools.push_back(tool_to_protocol(t));
  json prompts = json::array();
  for (const auto& p : inv.prompts) {
    json pj = {{"name", p.name}};
    put_if(pj, "title", p.title);
    put_if(pj, "description", p.description);
    json args = json::array();
    for (const auto& a : p.arguments) {
      json aj = {{"name", a.name}};
      put_if(aj, "title", a.title);
      put_if(aj, "description", a.description);
      if (a.required) aj["required"] = true;
      args.push_back(aj);
    }
    if (!args.empty()) pj["arguments"] = args;
    prompts.push_back(pj);
  }
  json resources = json::array();
  for (const auto& r : inv.resources) resources.push_back(uri_entity_to_json(r, "uri", r.uri));
  json templates = json::array();
  for (const auto& r : inv.resource_templates) templates.push_back(uri_entity_to_json(r, "uriTemplate", r.uri_template));
  j = {{"mcpAssayInventory", 1},
       {"server", server},
       {"tools", tools},
       {"prompts", prompts},
       {"resources", resources},
       {"resourceTemplates", templates}};
  if (inv.origin == InventoryOrigin::live_unsandboxed) j["obtained"] = "live-unsandboxed";
  if (inv.origin == InventoryOrigin::live_sandboxed) j["obtained"] = "live-sandboxed";
  if (inv.origin == InventoryOrigin::live_remote) j["obtained"] = "live-remote";
  if (!inv.warnings.empty()) j["warnings"] = inv.warnings;
}

void from_json(const json& j, Inventory& inv) {
  inv = Inventory{};
  if (!j.is_object()) return;
  auto server = j.find("server");
  if (server != j.end() && server->is_object()) {
    inv.server.name = str(*server, "name");
    inv.server.version = str(*server, "version");
    inv.server.protocol_version = str(*server, "protocolVersion");
    inv.server.instructions = str(*server, "instructions");
    auto caps = server->find("capabilities");
    if (caps != server->end() && caps->is_object()) inv.server.capabilities = *caps;
    inv.server_pointer = "/server";
  }
  auto each = [&](const char* key, auto&& parse, auto& out) {
    auto arr = j.find(key);
    if (arr == j.end() || !arr->is_array()) return;
    for (size_t i = 0; i < arr->size(); ++i) {
      std::string why;
      auto item = parse((*arr)[i], &why);
      if (!item) {
        inv.warnings.push_back(std::string(key) + "[" + std::to_string(i) + "]: " + why);
        continue;
      }
      item->source_pointer = std::string("/") + key + "/" + std::to_string(i);
      out.push_back(std::move(*item));
    }
  };
  each("tools", tool_from_protocol, inv.tools);
  each("prompts", prompt_from_protocol, inv.prompts);
  each("resources", resource_from_protocol, inv.resources);
  each("resourceTemplates", resource_template_from_protocol, inv.resource_templates);
  if (str(j, "obtained") == "live-unsandboxed") inv.origin = InventoryOrigin::live_unsandboxed;
  if (str(j, "obtained") == "live-sandboxed") inv.origin = InventoryOrigin::live_sandboxed;
  if (str(j, "obtained") == "live-remote") inv.origin = InventoryOrigin::live_remote;
}

}  // namespace assay
