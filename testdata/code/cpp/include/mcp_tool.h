// Test stub of cpp-mcp's mcp_tool.h (the fluent tool_builder API).
#ifndef MCP_TOOL_H
#define MCP_TOOL_H

#include <string>

#include "mcp_message.h"

namespace mcp {

struct tool {
  std::string name;
  std::string description;
  json parameters_schema;
};

class tool_builder {
 public:
  explicit tool_builder(const std::string& name);
  tool_builder& with_description(const std::string& description);
  tool_builder& with_string_param(const std::string& name, const std::string& description,
                                  bool required = true);
  tool_builder& with_number_param(const std::string& name, const std::string& description,
                                  bool required = true);
  tool_builder& with_boolean_param(const std::string& name, const std::string& description,
                                   bool required = true);
  tool_builder& with_array_param(const std::string& name, const std::string& description,
                                 const std::string& item_type, bool required = true);
  tool build() const;
};

}  // namespace mcp

#endif
