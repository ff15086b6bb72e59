// What both HTTP transports do with each JSON-RPC message a server sends: parse it under the
// JSON guard, keep the response we wait for, answer the server's own requests, skip the rest.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scanner/mcp/jsonrpc.h"

namespace assay::mcp {

class RpcInbox {
 public:
  using Reply = std::function<void(const nlohmann::json& message)>;
  RpcInbox(int max_json_depth, Reply reply) : max_depth_(max_json_depth), reply_(std::move(reply)) {}

  void expect(int64_t id) {
    id_ = id;
    answer_.reset();
  }
  // One message, or a JSON array of messages (a batch). Throws AssayError(target) for text
  // that is not JSON or nests too deep.
  void receive(const std::string& text, const std::string& context);
  bool answered() const { return answer_.has_value(); }
  RpcResponse take() { return std::move(*answer_); }
  std::vector<std::string>& warnings() { return warnings_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  void one(const nlohmann::json& message);

  int max_depth_;
  Reply reply_;
  int64_t id_ = -1;
  std::optional<RpcResponse> answer_;
  std::vector<std::string> warnings_;
};

}  // namespace assay::mcp
