// Examples for MCP154: tool arguments naming the library to load.
#include <map>

#include "mcp_rule_examples.h"

static const std::map<std::string, std::string> kPlugins = {{"lint", "/usr/lib/app/lint.so"}};

mcp::json load(const mcp::json& params, const std::string&) {
  std::string name = params["plugin"];
  // ruleid: MCP154
  void* handle = dlopen(("/usr/lib/app/" + name + ".so").c_str(), RTLD_NOW);
  return handle ? "loaded" : "failed";
}

mcp::json load_known(const mcp::json& params, const std::string&) {
  std::string name = params["plugin"];
  auto it = kPlugins.find(name);
  if (it == kPlugins.end()) return "unknown";
  // ok: MCP154
  void* handle = dlopen(it->second.c_str(), RTLD_NOW);
  return handle ? "loaded" : "failed";
}
