// Key aliases across clients: cmd (Goose), command as an object (older Zed), envs (Goose),
// serverUrl (Windsurf), httpUrl (Gemini), uri (Goose), http_headers and bearer_token (Codex),
// a nested transport object (Continue's older config.json).
#include "scanner/discovery/server_entry.h"

#include <algorithm>
#include <cctype>

namespace assay::discovery {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump();
}

ConfigValue value_at(const ConfigTree& tree, const std::string& key, const json& v, const std::string& pointer) {
  return {key, text_of(v), pointer, tree.locate(pointer)};
}

std::vector<ConfigValue> pairs(const ConfigTree& tree, const json& obj, const std::string& pointer) {
  std::vector<ConfigValue> out;
  if (!obj.is_object()) return out;
  for (const auto& [k, v] : obj.items()) out.push_back(value_at(tree, k, v, pointer + "/" + pointer_token(k)));
  return out;
}

std::optional<Transport> transport_named(const std::string& type) {
  std::string t = lower(type);
  t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c == '-' || c == '_'; }), t.end());
  if (t == "stdio" || t == "local" || t == "command") return Transport::stdio;
  if (t == "http" || t == "streamablehttp" || t == "streamable" || t == "remote") return Transport::streamable_http;
  if (t == "sse") return Transport::sse;
  return std::nullopt;
}

// The first of `keys` present in `entry`, with its pointer.
const json* first_of(const json& entry, std::initializer_list<const char*> keys, const std::string& pointer,
                     std::string* found_pointer) {
  for (const char* k : keys)
    if (entry.contains(k) && !entry[k].is_null()) {
      *found_pointer = pointer + "/" + k;
      return &entry[k];
    }
  return nullptr;
}

}  // namespace

const char* to_string(Transport t) {
  switch (t) {
    case Transport::stdio: return "stdio";
    case Transport::streamable_http: return "streamable-http";
    case Transport::sse: return "sse";
  }
  return "stdio";
}

std::optional<ConfiguredServer> read_server_entry(const ConfigTree& tree, const json& entry_in, const std::string& name,
                                                  const std::string& pointer_in, BareUrl bare_url, std::string* why) {
  if (!entry_in.is_object()) {
    if (why) *why = "the entry is not an object";
    return std::nullopt;
  }
  const json* entry = &entry_in;
  std::string pointer = pointer_in;
  if (entry_in.contains("transport") && entry_in["transport"].is_object()) {
    entry = &entry_in["transport"];
    pointer += "/transport";
  }
  ConfiguredServer s;
  s.name = name;
  s.entry = tree.locate(pointer_in);
  s.pointer = pointer_in;
  s.disabled = (entry_in.value("disabled", false) == true) ||
               (entry_in.contains("enabled") && entry_in["enabled"] == false);

  std::string type;
  for (const char* k : {"type", "transport"})
    if (entry->contains(k) && (*entry)[k].is_string()) type = (*entry)[k].get<std::string>();
  std::string t = lower(type);
  if (t == "builtin" || t == "platform" || t == "frontend" || t == "inline_python") {
    if (why) *why = "a client built-in (" + type + "), not a separate server";
    return std::nullopt;
  }

  std::string p;
  if (const json* cmd = first_of(*entry, {"command", "cmd"}, pointer, &p)) {
    if (cmd->is_object()) {  // older Zed: "command": {"path", "args", "env"}
      s.command = text_of(cmd->value("path", json()));
      if (cmd->contains("args")) {
        const auto& a = (*cmd)["args"];
        for (size_t i = 0; a.is_array() && i < a.size(); ++i)
          s.args.push_back(value_at(tree, "", a[i], p + "/args/" + std::to_string(i)));
      }
      if (cmd->contains("env")) s.env = pairs(tree, (*cmd)["env"], p + "/env");
    } else {
      s.command = text_of(*cmd);
    }
  }
  if (const json* a = first_of(*entry, {"args"}, pointer, &p); a && a->is_array())
    for (size_t i = 0; i < a->size(); ++i) s.args.push_back(value_at(tree, "", (*a)[i], p + "/" + std::to_string(i)));
  if (const json* e = first_of(*entry, {"env", "envs"}, pointer, &p)) {
    auto more = pairs(tree, *e, p);
    s.env.insert(s.env.end(), more.begin(), more.end());
  }
  if (const json* c = first_of(*entry, {"cwd", "working_directory"}, pointer, &p)) s.cwd = text_of(*c);

  std::string url_key;
  if (const json* u = first_of(*entry, {"url", "serverUrl", "httpUrl", "uri"}, pointer, &p)) {
    s.url = value_at(tree, "", *u, p);
    url_key = p.substr(p.rfind('/') + 1);
  }
  if (const json* h = first_of(*entry, {"headers", "http_headers"}, pointer, &p)) s.headers = pairs(tree, *h, p);
  if (const json* b = first_of(*entry, {"bearer_token"}, pointer, &p)) {
    // Codex's inline token (its docs ask for bearer_token_env_var instead): sent as a header.
    auto v = value_at(tree, "Authorization", *b, p);
    v.value = "Bearer " + v.value;
    s.headers.push_back(v);
  }

  // Codex names the environment variables that hold its tokens; written as references they are
  // resolved at launch like any other ${VAR} and never reported as literal secrets.
  if (const json* b = first_of(*entry, {"bearer_token_env_var"}, pointer, &p); b && b->is_string())
    s.headers.push_back({"Authorization", "Bearer ${" + b->get<std::string>() + "}", p, tree.locate(p)});
  if (const json* h = first_of(*entry, {"env_http_headers"}, pointer, &p); h && h->is_object())
    for (const auto& [k, v] : h->items())
      if (v.is_string()) {
        std::string vp = p + "/" + pointer_token(k);
        s.headers.push_back({k, "${" + v.get<std::string>() + "}", vp, tree.locate(vp)});
      }

  if (s.command.empty() && s.url.value.empty()) {
    if (why) *why = "declares neither a command nor a URL";
    return std::nullopt;
  }
  if (auto named = transport_named(type)) {
    s.transport = *named;
    if (s.transport != Transport::stdio && s.url.value.empty()) s.transport = Transport::stdio;
    if (s.transport == Transport::stdio && s.command.empty()) s.transport = Transport::streamable_http;
  } else if (!s.command.empty()) {
    s.transport = Transport::stdio;
  } else if (url_key == "httpUrl") {
    s.transport = Transport::streamable_http;
  } else if (bare_url == BareUrl::sse || s.url.value.ends_with("/sse")) {
    s.transport = Transport::sse;
  } else {
    s.transport = Transport::streamable_http;
  }
  return s;
}

}  // namespace assay::discovery
