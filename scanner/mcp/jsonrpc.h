// JSON-RPC 2.0 message shapes as MCP uses them: building our requests, telling apart what a
// server sends back, answering the requests a server may send us, and wording its errors.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace assay::mcp {

inline constexpr int64_t kMethodNotFound = -32601;

struct RpcError {
  int64_t code = 0;
  std::string message;
  nlohmann::json data;  // null when absent
};

// The answer to one of our requests: a result, or the server's error object.
struct RpcResponse {
  nlohmann::json result;
  std::optional<RpcError> error;
  bool ok() const { return !error.has_value(); }
};

enum class MessageKind {
  response,      // has an id and a result or an error
  request,       // server-to-client request (ping, sampling, roots, elicitation...)
  notification,  // method without id
  invalid,       // none of the above
};

MessageKind classify(const nlohmann::json& message);

// params null means "omit params".
nlohmann::json make_request(int64_t id, const std::string& method, const nlohmann::json& params);
nlohmann::json make_notification(const std::string& method, const nlohmann::json& params);

// Whether a response carries the id of our request (a number, or the same number as a string).
bool response_matches(const nlohmann::json& response, int64_t id);

// Reads result or error out of a response; a malformed error object still yields an RpcError.
RpcResponse to_response(const nlohmann::json& response);

// Our answer to a server-to-client request: an empty result for ping (the spec requires
// one), "method not found" for everything else, since this client offers no capabilities.
nlohmann::json answer_server_request(const nlohmann::json& request);

// "JSON-RPC error -32602: Invalid params", the message escaped and cut to 200 bytes.
std::string describe(const RpcError& error);

}  // namespace assay::mcp
