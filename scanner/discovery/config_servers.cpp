// Walking the known containers of server entries in a config tree.
#include "scanner/discovery/config_servers.h"

#include <algorithm>
#include <filesystem>

#include "scanner/discovery/client_catalog.h"
#include "scanner/discovery/server_entry.h"

namespace assay::discovery {
namespace {

using nlohmann::json;

const char* kContainers[][2] = {
    {"mcpServers", nullptr},       {"servers", nullptr},      {"mcp", "servers"},
    {"context_servers", nullptr},  {"mcp_servers", nullptr},  {"extensions", nullptr},
    {"experimental", "modelContextProtocolServers"},
};

void read_container(const ConfigTree& tree, const json& container, const std::string& pointer,
                    const std::string& client, const std::string& scope, BareUrl bare, ConfigServers& out) {
  auto take = [&](const json& entry, std::string name, const std::string& p) {
    std::string why;
    auto s = read_server_entry(tree, entry, name, p, bare, &why);
    if (!s) {
      out.skipped.push_back(tree.file + ":" + std::to_string(tree.locate(p).start_line) + ": " + name + ": " + why);
      return;
    }
    s->client = client;
    s->scope = scope;
    out.servers.push_back(std::move(*s));
  };
  if (container.is_object()) {
    for (const auto& [name, entry] : container.items()) take(entry, name, pointer + "/" + pointer_token(name));
  } else if (container.is_array()) {
    for (size_t i = 0; i < container.size(); ++i) {
      const json& e = container[i];
      std::string name = e.is_object() && e.contains("name") && e["name"].is_string() ? e["name"].get<std::string>()
                                                                                       : "server-" + std::to_string(i + 1);
      take(e, name, pointer + "/" + std::to_string(i));
    }
  }
}

const json* container_at(const json& root, const char* const* path, std::string* pointer) {
  const json* at = &root;
  *pointer = "";
  for (int i = 0; i < 2 && path[i]; ++i) {
    if (!at->is_object() || !at->contains(path[i])) return nullptr;
    at = &(*at)[path[i]];
    *pointer += std::string("/") + path[i];
  }
  return at;
}

}  // namespace

bool looks_like_client_config(const json& root) {
  if (!root.is_object()) return false;
  std::string p;
  for (const auto& c : kContainers)
    if (container_at(root, c, &p)) return true;
  if (root.contains("projects") && root["projects"].is_object())
    for (const auto& [k, v] : root["projects"].items())
      if (v.is_object() && v.contains("mcpServers")) return true;
  return false;
}

ConfigServers servers_in_config(const ConfigTree& tree, const std::string& client, const std::string& scope) {
  ConfigServers out;
  BareUrl bare = bare_url_for_client(client);
  const json& root = tree.root;
  if (!root.is_object()) return out;
  for (const auto& c : kContainers) {
    std::string p;
    if (const json* container = container_at(root, c, &p)) read_container(tree, *container, p, client, scope, bare, out);
  }
  if (root.contains("projects") && root["projects"].is_object())
    for (const auto& [dir, project] : root["projects"].items())
      if (project.is_object() && project.contains("mcpServers"))
        read_container(tree, project["mcpServers"], "/projects/" + pointer_token(dir) + "/mcpServers", client,
                       "project:" + dir, bare, out);
  // The JSON tree keeps keys sorted; people read a config top to bottom.
  std::stable_sort(out.servers.begin(), out.servers.end(),
                   [](const ConfiguredServer& a, const ConfiguredServer& b) { return a.entry.start_line < b.entry.start_line; });
  // A file that is one entry by itself (Continue's .continue/mcpServers/NAME.json).
  if (out.servers.empty() && (root.contains("command") || root.contains("url"))) {
    std::string name = std::filesystem::path(tree.file).stem().string();
    std::string why;
    if (auto s = read_server_entry(tree, root, name, "", bare, &why)) {
      s->client = client;
      s->scope = scope;
      out.servers.push_back(std::move(*s));
    } else {
      out.skipped.push_back(tree.file + ":1: " + name + ": " + why);
    }
  }
  return out;
}

}  // namespace assay::discovery
