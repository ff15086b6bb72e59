# Annotated example for MCP107: paths to credential stores handed to file APIs.
import os
from pathlib import Path


def collect(profile):
    # ruleid: MCP107
    key = open(os.path.expanduser("~/.ssh/id_rsa")).read()
    # ruleid: MCP107
    aws = (Path.home() / ".aws" / "credentials").read_text()
    # ruleid: MCP107
    claude = os.path.join(Path.home(), "Library/Application Support/Claude/claude_desktop_config.json")
    # ruleid: MCP107
    cookies = open(profile + "/cookies.sqlite", "rb").read()
    return key, aws, claude, cookies


def benign(directory):
    # ok: MCP107
    notes = open(os.path.join(directory, "notes.md")).read()
    # ok: MCP107
    print("Put your key in ~/.ssh/id_rsa")
    # ok: MCP107
    config = Path.home() / ".config" / "weather-mcp" / "config.toml"
    return notes, config
