// JSON-RPC 2.0 message building and classification for the MCP client.
#include "scanner/mcp/jsonrpc.h"

#include "scanner/mcp/escape.h"

namespace assay::mcp {

using nlohmann::json;

MessageKind classify(const json& message) {
  if (!message.is_object()) return MessageKind::invalid;
  auto method = message.find("method");
  bool has_id = message.contains("id") && !message["id"].is_null();
  if (method != message.end() && method->is_string()) return has_id ? MessageKind::request : MessageKind::notification;
  if (has_id && (message.contains("result") || message.contains("error"))) return MessageKind::response;
  // An error response to a request whose id the server could not read carries id null.
  if (message.contains("error") && message.contains("id")) return MessageKind::response;
  return MessageKind::invalid;
}

json make_request(int64_t id, const std::string& method, const json& params) {
  json j = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}};
  if (!params.is_null()) j["params"] = params;
  return j;
}

json make_notification(const std::string& method, const json& params) {
  json j = {{"jsonrpc", "2.0"}, {"method", method}};
  if (!params.is_null()) j["params"] = params;
  return j;
}

bool response_matches(const json& response, int64_t id) {
  auto it = response.find("id");
  if (it == response.end()) return false;
  if (it->is_number_integer()) return it->get<int64_t>() == id;
  if (it->is_number_unsigned()) return id >= 0 && it->get<uint64_t>() == static_cast<uint64_t>(id);
  if (it->is_string()) return it->get<std::string>() == std::to_string(id);
  return false;
}

RpcResponse to_response(const json& response) {
  RpcResponse out;
  auto err = response.find("error");
  if (err == response.end() || err->is_null()) {
    auto result = response.find("result");
    if (result != response.end()) out.result = *result;
    return out;
  }
  RpcError e;
  if (err->is_object()) {
    auto code = err->find("code");
    if (code != err->end() && code->is_number_integer()) e.code = code->get<int64_t>();
    auto message = err->find("message");
    if (message != err->end() && message->is_string()) e.message = message->get<std::string>();
    auto data = err->find("data");
    if (data != err->end()) e.data = *data;
  } else {
    e.message = "malformed error object";
    e.data = *err;
  }
  out.error = std::move(e);
  return out;
}

json answer_server_request(const json& request) {
  json reply = {{"jsonrpc", "2.0"}, {"id", request.at("id")}};
  if (request.value("method", "") == "ping") {
    reply["result"] = json::object();
  } else {
    reply["error"] = {{"code", kMethodNotFound}, {"message", "Method not found"}};
  }
  return reply;
}

std::string describe(const RpcError& error) {
  std::string text = "JSON-RPC error " + std::to_string(error.code);
  if (!error.message.empty()) text += ": " + escape_for_message(error.message, 200);
  return text;
}

}  // namespace assay::mcp
