// The text of a tools/call result the oracles read: content text, embedded resource text,
// structured content and error messages, bounded.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "scanner/mcp/jsonrpc.h"

namespace assay::dynamic {

inline constexpr std::size_t kMaxResultText = 256u << 10;

std::string result_text(const mcp::RpcResponse& response);

}  // namespace assay::dynamic
