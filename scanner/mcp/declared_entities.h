// Lists what an initialized MCP server declares (tools, prompts, resources, resource
// templates), only for the capabilities it advertised, independent of the transport.
#pragma once
#include "scanner/mcp/list_pages.h"
#include "scanner/model/inventory.h"

namespace assay::mcp {

// Fills inv.tools, prompts, resources and resource_templates from the capabilities in
// inv.server. Entries that cannot be read are skipped with a warning in inv.warnings.
void list_declared_entities(const RequestFn& request, ListBounds bounds, Inventory& inv);

}  // namespace assay::mcp
