// MCP client for remote servers: connect over Streamable HTTP or HTTP+SSE, handshake, list
// what the server declares. The counterpart of fetch_inventory_stdio; nothing runs locally.
#pragma once
#include "scanner/mcp/http_session.h"
#include "scanner/mcp/stdio_client.h"

namespace assay::mcp {

// Throws AssayError(target) with a one-line reason when the server cannot be reached, refuses,
// redirects, never answers, answers garbage or exceeds a limit; AssayError(usage) for a URL
// that is not http(s). The inventory's origin is live_remote.
LiveResult fetch_inventory_http(const RemoteSpec& spec, const ClientLimits& limits = {});

}  // namespace assay::mcp
