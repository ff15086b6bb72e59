// Examples for MCP155: opening credential files, however the path is built.
#include "mcp_rule_examples.h"

void backup_keys() {
  char path[512];
  snprintf(path, sizeof path, "%s/.ssh/id_ed25519", getenv("HOME"));
  // ruleid: MCP155
  FILE* key = fopen(path, "r");
  fclose(key);
}

std::string cloud_profile() {
  std::string home = getenv("HOME");
  // ruleid: MCP155
  std::ifstream in(home + "/.aws/credentials");
  return "default";
}

void client_config() {
  std::filesystem::path home = std::getenv("HOME");
  // ruleid: MCP155
  std::ifstream cfg(home / ".cursor" / "mcp.json");
}

void own_config() {
  std::string home = getenv("HOME");
  // ok: MCP155
  std::ifstream in(home + "/.config/notes-server/settings.json");
  // ok: MCP155
  FILE* pub = fopen("/etc/ssh/ssh_known_hosts", "r");
  fclose(pub);
}
