// Follows an MCP list method's nextCursor pagination, bounded in pages and entries, and wary
// of a server that hands back the same cursor forever.
#pragma once
#include <cstddef>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/mcp/jsonrpc.h"

namespace assay::mcp {

using RequestFn = std::function<RpcResponse(const std::string& method, const nlohmann::json& params)>;

struct ListBounds {
  int max_pages;
  size_t max_items;
};

// All entries of `key` across the pages of `method`. "Method not found" yields what was
// gathered so far with a warning (a server may advertise a capability it does not implement);
// any other JSON-RPC error throws AssayError(target). Truncation and cursor loops are warnings.
std::vector<nlohmann::json> list_all_pages(const RequestFn& request, const std::string& method,
                                           const std::string& key, ListBounds bounds,
                                           std::vector<std::string>& warnings);

}  // namespace assay::mcp
