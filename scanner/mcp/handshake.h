// The MCP initialize exchange, independent of the transport: what we offer, and how we read
// what the server declares about itself.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/mcp/jsonrpc.h"
#include "scanner/model/inventory.h"

namespace assay::mcp {

// protocolVersion kLatestProtocolVersion, no client capabilities, clientInfo mcp-assay.
nlohmann::json initialize_params();

// Reads protocolVersion (any string is accepted and recorded), capabilities, serverInfo and
// instructions. Throws AssayError(target) for a JSON-RPC error or a non-object result; other
// gaps become warnings.
ServerInfo server_info_from_initialize(const RpcResponse& response, std::vector<std::string>& warnings);

}  // namespace assay::mcp
