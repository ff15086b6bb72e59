// Examples for MCP150: tool arguments reaching a shell in cpp-mcp handlers.
#include "mcp_rule_examples.h"

mcp::json run(const mcp::json& params, const std::string&) {
  std::string cmd = params["command"];
  // ruleid: MCP150
  std::system(("cd /srv && " + cmd).c_str());
  return "ok";
}

mcp::json ping(const mcp::json& params, const std::string&) {
  std::string host = params.at("host").get<std::string>();
  char line[256];
  snprintf(line, sizeof line, "ping -c 1 %s", host.c_str());
  // ruleid: MCP150
  FILE* out = popen(line, "r");
  pclose(out);
  return "ok";
}

mcp::json script(const mcp::json& params, const std::string&) {
  std::string body = params["script"];
  if (fork() == 0) {
    // ruleid: MCP150
    execl("/bin/sh", "sh", "-c", body.c_str(), static_cast<char*>(nullptr));
  }
  return "ok";
}

mcp::json grep(const mcp::json& params, const std::string&) {
  std::string pattern = params["pattern"];
  if (pattern.empty() || pattern[0] == '-') return "bad pattern";
  if (fork() == 0) {
    // ok: MCP150
    execlp("grep", "grep", "-r", "--", pattern.c_str(), "/srv/docs", static_cast<char*>(nullptr));
  }
  // ok: MCP150
  std::system("sync");
  return "ok";
}

mcp::json restart(const mcp::json& params, const std::string&) {
  int seconds = params["delay"].get<int>();
  char line[64];
  snprintf(line, sizeof line, "sleep %d && systemctl restart app", seconds);
  // ok: MCP150
  std::system(line);
  return "ok";
}
