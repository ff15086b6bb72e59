#!/usr/bin/env python3
"""Project documentation over MCP (mcp-assay fuzz fixture: read_document joins the caller's path onto the docs root)."""
import json
import os
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
MAX_BYTES = 256 * 1024  # a document bigger than this is cut: one call must not flood the client
DOC_SUFFIXES = (".md", ".txt", ".rst", ".adoc")

TOOLS = [
    {
        "name": "list_documents",
        "description": "List the documentation files (Markdown, text, reStructuredText, AsciiDoc) under the docs folder.",
        "inputSchema": {"type": "object", "properties": {}},
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "read_document",
        "description": "Read one documentation file, given its path relative to the docs folder (as list_documents shows it).",
        "inputSchema": {
            "type": "object",
            "properties": {"path": {"type": "string", "description": "Path of the document relative to the docs folder, e.g. guides/setup.md"}},
            "required": ["path"],
        },
        "annotations": {"readOnlyHint": True},
    },
]


class ToolError(Exception):
    """A failure the caller sees as an isError result, not as a protocol error."""


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


def docs_root():
    return os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.getcwd())


def list_documents(_args):
    root = docs_root()
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found += [os.path.relpath(os.path.join(folder, f), root) for f in sorted(files) if f.endswith(DOC_SUFFIXES)]
    return text_result("\n".join(found) or "No documents yet.")


def read_document(args):
    path = args.get("path")
    if not isinstance(path, str) or not path:
        raise ToolError("'path' must be a non-empty string")
    full = os.path.join(docs_root(), path)
    try:
        with open(full, "rb") as f:
            data = f.read(MAX_BYTES)
    except (OSError, ValueError) as e:
        raise ToolError(f"Cannot read {path}: {e.strerror if isinstance(e, OSError) else e}")
    return text_result(data.decode("utf-8", "replace"))


HANDLERS = {"list_documents": list_documents, "read_document": read_document}


def handle(method, params):
    """Returns (result, error) for one request."""
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {
            "protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
            "capabilities": {"tools": {}},
            "serverInfo": {"name": "project-docs", "version": "1.2.0"},
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
