// Rendering configured servers; every value passes through redact.h on the way out.
#include "scanner/discovery/server_view.h"

#include <algorithm>

#include "scanner/discovery/redact.h"

namespace assay::discovery {
namespace {

std::string quoted_arg(const std::string& a) {
  bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`") == std::string::npos;
  return plain ? a : "'" + a + "'";
}

}  // namespace

std::string shown_target(const ConfiguredServer& s) {
  if (s.transport != Transport::stdio) return shown_url(s.url.value);
  std::string out = quoted_arg(s.command);
  std::string prev;
  for (const auto& a : s.args) {
    out += " " + quoted_arg(shown_arg(prev, a.value));
    prev = a.value;
  }
  return out;
}

nlohmann::json server_json(const ConfiguredServer& s) {
  nlohmann::json j = {{"name", s.name},
                      {"client", s.client},
                      {"scope", s.scope},
                      {"file", s.entry.file},
                      {"line", s.entry.start_line},
                      {"transport", to_string(s.transport)},
                      {"disabled", s.disabled}};
  if (s.transport == Transport::stdio) {
    j["command"] = s.command;
    nlohmann::json args = nlohmann::json::array();
    std::string prev;
    for (const auto& a : s.args) {
      args.push_back(shown_arg(prev, a.value));
      prev = a.value;
    }
    j["args"] = args;
    if (!s.cwd.empty()) j["cwd"] = s.cwd;
  } else {
    j["url"] = shown_url(s.url.value);
  }
  nlohmann::json env = nlohmann::json::object();
  for (const auto& e : s.env) env[e.key] = shown_value(e.key, e.value);
  if (!s.env.empty()) j["env"] = env;
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& h : s.headers) headers[h.key] = shown_value(h.key, h.value);
  if (!s.headers.empty()) j["headers"] = headers;
  return j;
}

nlohmann::json discovery_json(const Discovery& d) {
  nlohmann::json servers = nlohmann::json::array();
  for (const auto& s : d.servers) servers.push_back(server_json(s));
  nlohmann::json files = nlohmann::json::array();
  for (const auto& f : d.files) {
    nlohmann::json j = {{"file", f.file}, {"client", f.client}, {"servers", f.servers}};
    if (!f.error.empty()) j["error"] = f.error;
    files.push_back(j);
  }
  return {{"servers", servers}, {"configFiles", files}, {"skipped", d.skipped}};
}

std::string discovery_text(const Discovery& d) {
  size_t wc = 6, wn = 4, wt = 9;
  for (const auto& s : d.servers) {
    wc = std::max(wc, s.client.size());
    wn = std::max(wn, s.name.size());
    wt = std::max(wt, std::string(to_string(s.transport)).size());
  }
  auto pad = [](const std::string& v, size_t w) { return v + std::string(w > v.size() ? w - v.size() : 0, ' '); };
  std::string out;
  for (const auto& s : d.servers) {
    out += pad(s.client, wc) + "  " + pad(s.name, wn) + "  " + pad(to_string(s.transport), wt) + "  " + shown_target(s);
    out += "  (" + s.entry.file + ":" + std::to_string(s.entry.start_line) + (s.disabled ? ", disabled" : "") + ")\n";
  }
  for (const auto& f : d.files)
    if (!f.error.empty()) out += "warning: " + f.error + "\n";
  for (const auto& s : d.skipped) out += "skipped: " + s + "\n";
  out += std::to_string(d.servers.size()) + " server" + (d.servers.size() == 1 ? "" : "s") + " in " +
         std::to_string(d.files.size()) + " config file" + (d.files.size() == 1 ? "" : "s") + "\n";
  return out;
}

}  // namespace assay::discovery
