"""Examples for MCP136: tool arguments deserialized."""
import json
import pickle

import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")


@mcp.tool()
def restore(blob: str) -> str:
    """Restore state."""
    # ruleid: MCP136
    state = pickle.loads(bytes.fromhex(blob))
    # ok: MCP136
    plain = json.loads(blob)
    return repr((state, plain))


@mcp.tool()
def parse(text: str) -> str:
    """Parse YAML."""
    # ruleid: MCP136
    unsafe = yaml.load(text, Loader=yaml.Loader)
    # ok: MCP136
    safe = yaml.load(text, Loader=yaml.SafeLoader)
    return repr((unsafe, safe))
