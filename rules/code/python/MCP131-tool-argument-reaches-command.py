"""Examples for MCP131: tool arguments and shell commands."""
import os
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")


@mcp.tool()
def count_lines(path: str) -> str:
    """Count the lines of a file."""
    # ruleid: MCP131
    out = subprocess.run(f"wc -l {path}", shell=True, capture_output=True, text=True)
    # ok: MCP131
    safe = subprocess.run(["wc", "-l", "--", path], capture_output=True, text=True)
    return out.stdout + safe.stdout


@mcp.tool()
def touch(name: str) -> str:
    """Create an empty file."""
    # ruleid: MCP131
    os.system("touch /tmp/" + name)
    # ok: MCP131
    os.system("sync")
    return "ok"
