#!/usr/bin/env python3
"""Summaries of local documents over MCP (mcp-assay fuzz fixture: the fixed twin, nothing leaves the machine)."""
import json
import os
import re
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
MAX_BYTES = 256 * 1024  # a file bigger than this is cut: one call must not flood the client
MAX_ENTRIES = 1000

TOOLS = [
    {
        "name": "list_files",
        "description": "List the files under the documents folder, with their sizes.",
        "inputSchema": {"type": "object", "properties": {}},
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "summarize_file",
        "description": "Summarize a text document from the documents folder: its first sentences, and its length in words and lines.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "path": {"type": "string", "description": "File path relative to the documents folder, e.g. reports/q3.md"},
                "sentences": {"type": "integer", "minimum": 1, "maximum": 20, "default": 3, "description": "How many sentences to keep"},
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


ROOT = os.path.realpath(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())


def inside_root(path):
    """The real path of `path` under the documents folder; refuses `..`, absolute paths and symlinks that lead out."""
    if not isinstance(path, str) or not path:
        raise ToolError("'path' must be a non-empty string")
    try:
        real = os.path.realpath(os.path.join(ROOT, path))
        contained = os.path.commonpath([ROOT, real]) == ROOT
    except ValueError:  # a NUL byte
        contained = False
    if not contained:
        raise ToolError(f"Access denied: {path} is outside the documents folder")
    return real


def list_files(_args):
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs.sort()
        for name in sorted(files):
            full = os.path.join(folder, name)
            if len(found) < MAX_ENTRIES and not os.path.islink(full):
                found.append(f"{os.path.relpath(full, ROOT)} ({os.path.getsize(full)} bytes)")
    return text_result("\n".join(found) or "No files yet.")


def summarize_file(args):
    full = inside_root(args.get("path"))
    sentences = args.get("sentences", 3)
    if not isinstance(sentences, int) or isinstance(sentences, bool) or not 1 <= sentences <= 20:
        raise ToolError("'sentences' must be an integer from 1 to 20")
    try:
        with open(full, "rb") as f:
            text = f.read(MAX_BYTES).decode("utf-8", "replace")
    except OSError as e:
        raise ToolError(f"Cannot read {args['path']}: {e.strerror}")
    first = " ".join(re.split(r"(?<=[.!?])\s+", text.strip())[:sentences])
    return text_result(f"{args['path']}: {len(text.split())} words, {text.count(chr(10)) + 1} lines.\n\n{first}")


HANDLERS = {"list_files": list_files, "summarize_file": summarize_file}


def handle(method, params):
    """Returns (result, error) for one request."""
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {
            "protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "doc-summarizer", "version": "0.5.2"},
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
