"""The files-and-data server with every tool fixed."""
import json
import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Annotated
from urllib.parse import urlparse

import httpx
import yaml
from mcp.server.fastmcp import Context, FastMCP
from pydantic import Field

mcp = FastMCP("files-and-data")
DATA_DIR = Path(os.environ.get("DATA_DIR", "/srv/data")).resolve()
DB_PATH = DATA_DIR / "inventory.db"
ALLOWED_HOSTS = {"docs.example.org", "registry.example.org"}


def _inside_data_dir(relative: str) -> Path:
    candidate = (DATA_DIR / relative).resolve()
    if not candidate.is_relative_to(DATA_DIR):
        raise ValueError(f"{relative} is outside the data directory")
    return candidate


@mcp.tool()
def disk_usage(folder: str) -> str:
    """Report the disk usage of a folder under the data directory."""
    target = _inside_data_dir(folder)
    return subprocess.check_output(["du", "-sh", "--", str(target)], text=True)


@mcp.tool()
def compress(name: str, level: int = 6) -> str:
    """Compress a file in the data directory with gzip."""
    subprocess.run(["gzip", f"-{int(level)}", "--", str(_inside_data_dir(name))], check=True)
    return f"compressed {name}"


@mcp.tool()
def read_text(path: Annotated[str, Field(description="Path of the file to read")]) -> str:
    """Read a text file."""
    with open(_inside_data_dir(path), encoding="utf-8") as handle:
        return handle.read()


@mcp.tool()
async def download(url: str, ctx: Context) -> str:
    """Download a page from the documentation site."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise ValueError(f"host not allowed: {parsed.hostname}")
    async with httpx.AsyncClient(follow_redirects=False) as client:
        response = await client.get(url)
    return response.text[:4096]


def _lookup(sku: str) -> list:
    conn = sqlite3.connect(DB_PATH)
    return conn.execute("SELECT sku, name, stock FROM items WHERE sku = ?", (sku,)).fetchall()


@mcp.tool()
def stock_level(sku: str) -> str:
    """Look up the stock level of an item by SKU."""
    return repr(_lookup(sku.strip()))


@mcp.tool()
def load_snapshot(blob: str) -> str:
    """Load a snapshot previously produced by save_snapshot (JSON)."""
    state = json.loads(blob)
    return f"loaded {len(state)} entries"


@mcp.tool()
def load_config(text: str) -> str:
    """Parse a YAML configuration document."""
    config = yaml.safe_load(text)
    return ", ".join(sorted(config))
