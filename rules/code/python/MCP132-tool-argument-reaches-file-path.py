"""Examples for MCP132: tool arguments used as file paths."""
import os
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")
ROOT = Path("/srv/files").resolve()


@mcp.tool()
def read(name: str) -> str:
    """Read a file."""
    # ruleid: MCP132
    with open(os.path.join(ROOT, name)) as handle:
        return handle.read()


@mcp.tool()
def read_safe(name: str) -> str:
    """Read a file inside the root."""
    full = (ROOT / name).resolve()
    if not full.is_relative_to(ROOT):
        raise ValueError("outside the root")
    # ok: MCP132
    with open(full) as handle:
        return handle.read()
