// Tool declarations in Python servers: FastMCP decorators and the low-level Server API.
#pragma once
#include "scanner/code/extract/server_builder.h"

namespace assay::code {

// @mcp.tool() functions (docstring, type hints, Annotated[..., Field(description=...)]) and
// @server.list_tools() returning types.Tool(...) handled by @server.call_tool().
void extract_python(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out);

}  // namespace assay::code
