// The catalogue of client config locations (checked against each client's own documentation;
// testdata/configs/README.md cites them). macOS and Windows locations are listed relative to
// the home directory too (Library/Application Support, AppData/Roaming), so one home tree can
// be read whichever system wrote it.
#include "scanner/discovery/client_catalog.h"

namespace assay::discovery {
namespace {

std::vector<ConfigLocation> build() {
  std::vector<ConfigLocation> v;
  auto home = [&v](const char* client, std::string rel, BareUrl bare = BareUrl::streamable_http) {
    v.push_back({client, std::move(rel), false, false, bare});
  };
  auto project = [&v](const char* client, std::string rel, BareUrl bare = BareUrl::streamable_http) {
    v.push_back({client, std::move(rel), true, false, bare});
  };
  const char* linux_cfg = ".config/";
  const char* mac_cfg = "Library/Application Support/";
  const char* win_cfg = "AppData/Roaming/";

  for (const char* base : {linux_cfg, mac_cfg, win_cfg}) home("claude-desktop", std::string(base) + "Claude/claude_desktop_config.json");
  home("claude-code", ".claude.json");
  project("claude-code", ".mcp.json");
  home("cursor", ".cursor/mcp.json");
  project("cursor", ".cursor/mcp.json");
  for (const char* base : {linux_cfg, mac_cfg, win_cfg}) {
    home("vscode", std::string(base) + "Code/User/settings.json");
    home("vscode", std::string(base) + "Code/User/mcp.json");
    home("cline", std::string(base) + "Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json");
  }
  project("vscode", ".vscode/mcp.json");
  home("windsurf", ".codeium/windsurf/mcp_config.json");
  home("gemini-cli", ".gemini/settings.json", BareUrl::sse);
  project("gemini-cli", ".gemini/settings.json", BareUrl::sse);
  home("codex", ".codex/config.toml");
  project("codex", ".codex/config.toml");
  home("zed", ".config/zed/settings.json");
  project("zed", ".zed/settings.json");
  home("continue", ".continue/config.yaml");
  home("continue", ".continue/config.json");
  v.push_back({"continue", ".continue/mcpServers", false, true, BareUrl::streamable_http});
  v.push_back({"continue", ".continue/mcpServers", true, true, BareUrl::streamable_http});
  home("goose", ".config/goose/config.yaml");
  home("goose", "AppData/Roaming/Block/goose/config/config.yaml");
  home("lm-studio", ".lmstudio/mcp.json");
  home("amazon-q", ".aws/amazonq/mcp.json");
  project("amazon-q", ".amazonq/mcp.json");
  return v;
}

bool path_ends_with(const std::string& path, const std::string& rel) {
  if (path.size() < rel.size() || path.compare(path.size() - rel.size(), rel.size(), rel) != 0) return false;
  return path.size() == rel.size() || path[path.size() - rel.size() - 1] == '/';
}

}  // namespace

const std::vector<ConfigLocation>& client_config_locations() {
  static const std::vector<ConfigLocation> all = build();
  return all;
}

std::string client_for_path(const std::string& path) {
  // Longest match first, so ".../globalStorage/.../cline_mcp_settings.json" is Cline, not VS Code.
  const ConfigLocation* best = nullptr;
  for (const auto& loc : client_config_locations()) {
    bool match = loc.is_directory ? path.find("/" + loc.relative + "/") != std::string::npos ||
                                        path.starts_with(loc.relative + "/")
                                  : path_ends_with(path, loc.relative);
    if (match && (!best || loc.relative.size() > best->relative.size())) best = &loc;
  }
  return best ? best->client : "unknown";
}

BareUrl bare_url_for_client(const std::string& client) {
  for (const auto& loc : client_config_locations())
    if (loc.client == client) return loc.bare_url;
  return BareUrl::streamable_http;
}

}  // namespace assay::discovery
