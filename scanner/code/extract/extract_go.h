// Tool declarations in Go servers: mark3labs/mcp-go and the official Go SDK.
#pragma once
#include "scanner/code/extract/server_builder.h"

namespace assay::code {

// mcp.NewTool("name", mcp.WithDescription(...), mcp.WithString("p", mcp.Description(...)))
// registered with s.AddTool(tool, handler); mcp.AddTool(server, &mcp.Tool{Name:..., Description:...},
// handler) whose typed argument struct carries `json`/`jsonschema` tags.
void extract_go(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out);

}  // namespace assay::code
