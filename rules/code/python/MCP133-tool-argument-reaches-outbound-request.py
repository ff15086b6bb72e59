"""Examples for MCP133: tool arguments and outbound requests."""
from urllib.parse import urlparse

import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("examples")
ALLOWED = {"api.example.com"}


@mcp.tool()
def get(url: str) -> str:
    """Fetch a URL."""
    # ruleid: MCP133
    return requests.get(url, timeout=5).text


@mcp.tool()
def item(item_id: str) -> str:
    """Fetch an item."""
    # ok: MCP133
    return httpx.get(f"https://api.example.com/items/{item_id}").text


@mcp.tool()
def get_allowed(url: str) -> str:
    """Fetch an allowed URL."""
    if urlparse(url).hostname not in ALLOWED:
        raise ValueError("host not allowed")
    # ok: MCP133
    return requests.get(url, timeout=5).text
