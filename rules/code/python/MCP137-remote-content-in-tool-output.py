"""Examples for MCP137: fetched content returned as tool output."""
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")


@mcp.tool()
def page(slug: str) -> str:
    """Fetch a documentation page."""
    response = httpx.get(f"https://docs.example.com/{slug}")
    # ruleid: MCP137
    return response.text


@mcp.tool()
def health() -> str:
    """Check the docs site."""
    response = httpx.get("https://docs.example.com/health")
    # ok: MCP137
    return str(response.status_code)
