// fetch_inventory_stdio: launch, handshake, list everything advertised, shut down.
#include "scanner/mcp/stdio_client.h"

#include "scanner/mcp/declared_entities.h"
#include "scanner/mcp/stdio_session.h"

namespace assay::mcp {

LiveResult fetch_inventory_stdio(const LaunchSpec& spec, const ClientLimits& limits, const LiveHook& while_open) {
  StdioSession session(spec, limits);
  LiveResult out;
  Inventory& inv = out.inventory;
  inv.origin = spec.sandbox.enabled ? InventoryOrigin::live_sandboxed : InventoryOrigin::live_unsandboxed;
  try {
    inv.server = session.initialize();
    RequestFn request = [&session](const std::string& method, const nlohmann::json& params) {
      return session.request(method, params);
    };
    list_declared_entities(request, {limits.max_pages, limits.max_items}, inv);
    if (while_open) while_open(session, inv);
    session.close();
  } catch (const AssayError& e) {
    if (e.kind() != ErrorKind::target) throw;
    session.close(std::chrono::milliseconds(0));
    throw LiveScanFailed(e, session.sandbox_outcome());
  }
  inv.warnings.insert(inv.warnings.end(), session.warnings().begin(), session.warnings().end());
  out.stderr_tail = session.stderr_tail();
  out.sandbox = session.sandbox_outcome();
  return out;
}

}  // namespace assay::mcp
