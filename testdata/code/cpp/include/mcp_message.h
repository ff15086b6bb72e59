// Test stub of cpp-mcp's mcp_message.h: only the declarations the fixture servers use,
// so they parse without the real library (which pulls in nlohmann/json and httplib).
#ifndef MCP_MESSAGE_H
#define MCP_MESSAGE_H

#include <initializer_list>
#include <string>

namespace mcp {

class json {
 public:
  json();
  json(const char* s);
  json(const std::string& s);
  json(double d);
  json(std::initializer_list<json> items);
  static json object();
  static json array();

  json& operator[](const char* key);
  const json& operator[](const char* key) const;
  const json& at(const std::string& key) const;
  bool contains(const std::string& key) const;
  std::string value(const std::string& key, const std::string& fallback) const;
  template <typename T> T get() const;
  template <typename T> operator T() const;
  std::string dump() const;
};

enum class error_code { invalid_params = -32602, internal_error = -32603 };

class mcp_exception {
 public:
  mcp_exception(error_code code, const std::string& message);
};

}  // namespace mcp

#endif
