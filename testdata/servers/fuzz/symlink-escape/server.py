#!/usr/bin/env python3
"""A project workspace over MCP (mcp-assay fuzz fixture: the workspace check looks at the path, not where it leads)."""
import json
import os
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
MAX_BYTES = 256 * 1024  # a file bigger than this is cut: one call must not flood the client
MAX_ENTRIES = 1000

TOOLS = [
    {
        "name": "list_files",
        "description": "List the files and folders of a folder in the workspace (the workspace root when no folder is given).",
        "inputSchema": {
            "type": "object",
            "properties": {"folder": {"type": "string", "description": "Folder relative to the workspace root", "default": "."}},
        },
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "read_file",
        "description": "Read a text file from the workspace.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "path": {"type": "string", "description": "File path relative to the workspace root, e.g. src/app.py"},
                "max_lines": {"type": "integer", "minimum": 1, "description": "Return at most this many lines"},
            },
            "required": ["path"],
        },
        "annotations": {"readOnlyHint": True},
    },
]


class ToolError(Exception):
    """A failure the caller sees as an isError result, not as a protocol error."""


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


WORKSPACE = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())


def in_workspace(path):
    """The absolute path of `path`, refused when it is outside the workspace."""
    if not isinstance(path, str) or not path:
        raise ToolError("the path must be a non-empty string")
    if "\0" in path:
        raise ToolError("the path must not contain NUL characters")
    full = os.path.abspath(os.path.join(WORKSPACE, path))
    if full != WORKSPACE and not full.startswith(WORKSPACE + os.sep):
        raise ToolError(f"Access denied: {path} is outside the workspace")
    return full


def list_files(args):
    folder = in_workspace(args.get("folder", "."))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)[:MAX_ENTRIES]
    except OSError as e:
        raise ToolError(f"Cannot list {args.get('folder', '.')}: {e.strerror}")
    return text_result("\n".join(f"{e.name}/" if e.is_dir() else e.name for e in entries) or "(empty folder)")


def read_file(args):
    full = in_workspace(args.get("path"))
    max_lines = args.get("max_lines")
    if max_lines is not None and (not isinstance(max_lines, int) or isinstance(max_lines, bool) or max_lines < 1):
        raise ToolError("'max_lines' must be a positive integer")
    try:
        with open(full, "rb") as f:
            text = f.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError as e:
        raise ToolError(f"Cannot read {args.get('path')}: {e.strerror}")
    if max_lines:
        text = "\n".join(text.split("\n")[:max_lines])
    return text_result(text)


HANDLERS = {"list_files": list_files, "read_file": read_file}


def handle(method, params):
    """Returns (result, error) for one request."""
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {
            "protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "workspace", "version": "2.0.3"},
        }, None
    if method == "ping":
        return {}, None
    if method == "tools/list":
        return {"tools": TOOLS}, None
    if method == "tools/call":
        handler = HANDLERS.get(params.get("name"))
        if handler is None:
            return None, {"code": -32602, "message": f"Unknown tool: {params.get('name')}"}
        args = params.get("arguments") or {}
        if not isinstance(args, dict):
            return text_result("Invalid arguments: 'arguments' must be an object", True), None
        try:
            return handler(args), None
        except ToolError as e:
            return text_result(str(e), True), None
    return None, {"code": -32601, "message": f"Method not found: {method}"}


def send(message):
    # ASCII-escaped JSON: a lone surrogate that came in as \ud800 goes back out the same way
    # instead of failing to encode as UTF-8.
    sys.stdout.buffer.write(json.dumps(message).encode("ascii") + b"\n")
    sys.stdout.buffer.flush()


def main():
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError:
            send({"jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": "Parse error"}})
            continue
        if not isinstance(message, dict) or not isinstance(message.get("method"), str):
            if isinstance(message, dict) and "method" not in message:
                continue  # a response to something we never asked
            send({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Invalid Request"}})
            continue
        if "id" not in message:
            continue  # notifications need no answer
        params = message.get("params") if isinstance(message.get("params"), dict) else {}
        try:
            result, error = handle(message["method"], params)
        except Exception:  # a handler bug costs one request, not the session
            result, error = None, {"code": -32603, "message": "Internal error"}
        reply = {"jsonrpc": "2.0", "id": message["id"]}
        reply.update({"error": error} if error else {"result": result})
        send(reply)


if __name__ == "__main__":
    try:
        main()
    except (BrokenPipeError, KeyboardInterrupt):
        os._exit(0)  # the client hung up
