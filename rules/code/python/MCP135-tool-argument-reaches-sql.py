"""Examples for MCP135: SQL built from tool arguments."""
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")


@mcp.tool()
def find(name: str) -> str:
    """Find users by name."""
    conn = sqlite3.connect("app.db")
    # ruleid: MCP135
    rows = conn.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
    # ok: MCP135
    safe = conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
    return repr((rows, safe))
