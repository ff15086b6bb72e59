// Examples for MCP151: tool arguments used as file paths.
#include "mcp_rule_examples.h"

namespace fs = std::filesystem;
static const fs::path kRoot = "/srv/files";

mcp::json read_joined(const mcp::json& params, const std::string&) {
  std::string name = params["name"];
  // ruleid: MCP151
  std::ifstream in("/srv/files/" + name);
  return "ok";
}

mcp::json read_c(const mcp::json& params, const std::string&) {
  std::string name = params.value("name", "");
  char path[PATH_MAX];
  snprintf(path, sizeof path, "/srv/files/%s", name.c_str());
  // ruleid: MCP151
  FILE* f = fopen(path, "r");
  fclose(f);
  return "ok";
}

mcp::json delete_file(const mcp::json& params, const std::string&) {
  std::string name = params["name"];
  // ruleid: MCP151
  unlink(name.c_str());
  return "ok";
}

mcp::json resolved_but_unchecked(const mcp::json& params, const std::string&) {
  std::string name = params["name"];
  char resolved[PATH_MAX];
  realpath(("/srv/files/" + name).c_str(), resolved);
  // ruleid: MCP151
  int fd = open(resolved, O_RDONLY);
  close(fd);
  return "ok";
}

mcp::json read_confined_c(const mcp::json& params, const std::string&) {
  std::string name = params["name"];
  char resolved[PATH_MAX];
  if (!realpath(("/srv/files/" + name).c_str(), resolved)) return "missing";
  if (strncmp(resolved, "/srv/files/", 11) != 0) return "outside";
  // ok: MCP151
  FILE* f = fopen(resolved, "r");
  fclose(f);
  return "ok";
}

mcp::json read_confined_cpp(const mcp::json& params, const std::string&) {
  fs::path p = fs::weakly_canonical(kRoot / params["name"].get<std::string>());
  auto [end, ignored] = std::mismatch(kRoot.begin(), kRoot.end(), p.begin());
  if (end != kRoot.end()) return "outside";
  // ok: MCP151
  std::ifstream in(p);
  return "ok";
}

mcp::json read_basename(const mcp::json& params, const std::string&) {
  std::string name = params["name"];
  std::string leaf = fs::path(name).filename();
  // ok: MCP151
  std::ifstream in(kRoot / leaf);
  // ok: MCP151
  std::ifstream config("/etc/app/config.ini");
  return "ok";
}
