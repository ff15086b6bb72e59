"""Examples for MCP130: descriptions built from run-time state."""
import datetime
import os

import mcp.types as types
from mcp.server.lowlevel import Server

server = Server("examples")
LIMIT = 50


@server.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(
            name="search",
            # ok: MCP130
            description=f"Search the archive (at most {LIMIT} results).",
            inputSchema={"type": "object", "properties": {}},
        ),
        types.Tool(
            name="status",
            # ruleid: MCP130
            description=f"Status as of {datetime.datetime.now():%H:%M}",
            inputSchema={"type": "object", "properties": {}},
        ),
        types.Tool(
            name="deploy",
            # ruleid: MCP130
            description="Deploy to " + os.environ.get("TARGET", "staging"),
            inputSchema={"type": "object", "properties": {}},
        ),
    ]
