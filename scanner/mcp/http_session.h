// A live MCP session with a remote server over HTTP: the Streamable HTTP transport (POST each
// message, answers as JSON or as an SSE stream, Mcp-Session-Id) or the older HTTP+SSE
// transport (one GET event stream, messages POSTed to the endpoint it names). Both only ever
// contact the origin of the URL the user gave.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/mcp/http_transfers.h"
#include "scanner/mcp/jsonrpc.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/model/inventory.h"

namespace assay::mcp {

enum class HttpTransport { streamable_http, sse };

struct RemoteSpec {
  std::string url;
  Headers headers;  // from the config or --header, sent with every request
  HttpTransport transport = HttpTransport::streamable_http;
  // Try the other transport when the first is refused with HTTP 4xx at initialize, as the
  // spec's backwards-compatibility section describes.
  bool fall_back = true;
};

class HttpSession {
 public:
  virtual ~HttpSession() = default;
  // Throws AssayError(target) when the server cannot be reached, refuses, redirects, breaks a
  // limit or does not answer in time.
  virtual ServerInfo initialize() = 0;
  virtual RpcResponse request(const std::string& method, const nlohmann::json& params) = 0;
  virtual void close() = 0;
  virtual std::vector<std::string> warnings() const = 0;
};

// Throws AssayError(usage) for a URL that is not http(s).
std::unique_ptr<HttpSession> open_streamable_http(const RemoteSpec& spec, const ClientLimits& limits);
std::unique_ptr<HttpSession> open_sse(const RemoteSpec& spec, const ClientLimits& limits);

// Wording shared by both: "HTTP 401 from http://host/mcp", the redirect refusal, the timeout.
std::string http_failure(const HttpStream& s, const std::string& url, const std::string& what);

}  // namespace assay::mcp
