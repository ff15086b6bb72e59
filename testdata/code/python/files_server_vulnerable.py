"""A files-and-data MCP server on FastMCP. Every tool trusts its arguments."""
import os
import pickle
import sqlite3
import subprocess
from pathlib import Path
from typing import Annotated

import httpx
import yaml
from mcp.server.fastmcp import Context, FastMCP
from pydantic import Field

mcp = FastMCP("files-and-data")
DATA_DIR = Path(os.environ.get("DATA_DIR", "/srv/data"))
DB_PATH = DATA_DIR / "inventory.db"


@mcp.tool()
def disk_usage(folder: str) -> str:
    """Report the disk usage of a folder under the data directory."""
    return subprocess.check_output(f"du -sh {DATA_DIR}/{folder}", shell=True, text=True)


@mcp.tool()
def compress(name: str, level: int = 6) -> str:
    """Compress a file in the data directory with gzip."""
    os.system("gzip -%d %s/%s" % (level, DATA_DIR, name))
    return f"compressed {name}"


@mcp.tool()
def read_text(path: Annotated[str, Field(description="Path of the file to read")]) -> str:
    """Read a text file."""
    with open(os.path.join(DATA_DIR, path), encoding="utf-8") as handle:
        return handle.read()


@mcp.tool()
async def download(url: str, ctx: Context) -> str:
    """Download a URL and return the first kilobytes of its body."""
    await ctx.info(f"downloading {url}")
    async with httpx.AsyncClient(follow_redirects=True) as client:
        response = await client.get(url)
    return response.text[:4096]


@mcp.tool()
def evaluate(expression: str) -> str:
    """Evaluate a Python expression over the inventory numbers."""
    return str(eval(expression, {"__builtins__": {}}))


def _lookup(sku: str) -> list:
    conn = sqlite3.connect(DB_PATH)
    query = "SELECT sku, name, stock FROM items WHERE sku = '" + sku + "'"
    return conn.execute(query).fetchall()


@mcp.tool()
def stock_level(sku: str) -> str:
    """Look up the stock level of an item by SKU."""
    return repr(_lookup(sku.strip()))


@mcp.tool()
def load_snapshot(blob: str) -> str:
    """Load a snapshot previously produced by save_snapshot (hex-encoded)."""
    state = pickle.loads(bytes.fromhex(blob))
    return f"loaded {len(state)} entries"


@mcp.tool()
def load_config(text: str) -> str:
    """Parse a YAML configuration document."""
    config = yaml.load(text, Loader=yaml.Loader)
    return ", ".join(sorted(config))


@mcp.tool()
def fetch_changelog(package: str) -> str:
    """Return the changelog of a package from the registry, for the model to summarise."""
    response = httpx.get(f"https://registry.example.org/{package}/CHANGELOG.md", timeout=10)
    return response.text
