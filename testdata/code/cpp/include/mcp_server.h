// Test stub of cpp-mcp's mcp_server.h: the server type the fixtures register tools with.
#ifndef MCP_SERVER_H
#define MCP_SERVER_H

#include <functional>
#include <string>

#include "mcp_message.h"
#include "mcp_tool.h"

namespace mcp {

using tool_handler = std::function<json(const json&, const std::string&)>;

class server {
 public:
  server(const std::string& host, int port);
  void set_server_info(const std::string& name, const std::string& version);
  void set_capabilities(const json& capabilities);
  void register_tool(const tool& tool, tool_handler handler);
  bool start(bool blocking = true);
};

}  // namespace mcp

#endif
