// Tool declarations in JavaScript/TypeScript servers built on the official SDK.
#pragma once
#include "scanner/code/extract/server_builder.h"

namespace assay::code {

// McpServer.tool(...), McpServer.registerTool(...), Server.setRequestHandler(ListToolsRequestSchema,
// ...) returning tool literals (handled by the CallToolRequestSchema handler), zod shapes and
// JSON-schema literals for parameters.
void extract_javascript(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out);

}  // namespace assay::code
