// fetch_inventory_http: open the session (falling back between the two HTTP transports when
// the first is refused at initialize), list everything advertised, close.
#include "scanner/mcp/http_client.h"

#include "scanner/mcp/declared_entities.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

std::unique_ptr<HttpSession> open(const RemoteSpec& spec, HttpTransport t, const ClientLimits& limits) {
  return t == HttpTransport::sse ? open_sse(spec, limits) : open_streamable_http(spec, limits);
}

// A refusal that means "not this transport here": 4xx other than auth failures and rate limits.
bool refused_as_transport(const std::string& message) {
  for (const char* code : {"HTTP 400", "HTTP 404", "HTTP 405", "HTTP 406", "HTTP 415", "content type"})
    if (message.find(code) != std::string::npos) return true;
  return false;
}

}  // namespace

LiveResult fetch_inventory_http(const RemoteSpec& spec, const ClientLimits& limits) {
  auto session = open(spec, spec.transport, limits);
  LiveResult out;
  Inventory& inv = out.inventory;
  try {
    inv.server = session->initialize();
  } catch (const AssayError& e) {
    if (!spec.fall_back || e.kind() != ErrorKind::target || !refused_as_transport(e.what())) throw;
    HttpTransport other = spec.transport == HttpTransport::sse ? HttpTransport::streamable_http : HttpTransport::sse;
    session = open(spec, other, limits);
    inv.server = session->initialize();
    inv.warnings.push_back(std::string("the server refused the ") +
                           (spec.transport == HttpTransport::sse ? "HTTP+SSE" : "Streamable HTTP") +
                           " transport (" + e.what() + "); the other HTTP transport was used");
  }
  RequestFn request = [&session](const std::string& method, const nlohmann::json& params) {
    return session->request(method, params);
  };
  list_declared_entities(request, {limits.max_pages, limits.max_items}, inv);
  session->close();
  auto w = session->warnings();
  inv.warnings.insert(inv.warnings.end(), w.begin(), w.end());
  inv.origin = InventoryOrigin::live_remote;
  return out;
}

}  // namespace assay::mcp
