#!/usr/bin/env python3
"""An MCP server over stdio that reads the user's private Markdown notes (standard library only).

Notes are files under NOTES_DIR (default ~/Notes); the server only reads them and never leaves
that folder. What it returns is the user's own, private text.
"""
import json
import os
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

NOTES_DIR = os.path.realpath(os.path.expanduser(os.environ.get("NOTES_DIR", "~/Notes")))

LOCAL_READ_ONLY = {"readOnlyHint": True, "openWorldHint": False}

TOOLS = [
    {
        "name": "list_notes",
        "description": "List the user's private notes (Markdown files in the notes folder) with their titles.",
        "inputSchema": {"type": "object", "properties": {}},
        "annotations": LOCAL_READ_ONLY,
    },
    {
        "name": "read_note",
        "description": "Read the full text of one of the user's private notes.",
        "inputSchema": {"type": "object", "properties": {
            "name": {"type": "string", "minLength": 1, "description": "File name of the note, e.g. taxes-2025.md"}},
            "required": ["name"]},
        "annotations": LOCAL_READ_ONLY,
    },
    {
        "name": "search_notes",
        "description": "Find the user's notes whose text contains a phrase; returns matching lines.",
        "inputSchema": {"type": "object", "properties": {
            "query": {"type": "string", "minLength": 1, "description": "Phrase to look for"}}, "required": ["query"]},
        "annotations": LOCAL_READ_ONLY,
    },
]


class BadArguments(Exception):
    pass


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


def note_files():
    try:
        return sorted(f for f in os.listdir(NOTES_DIR) if f.endswith(".md"))
    except OSError:
        return []


def note_path(name):
    path = os.path.realpath(os.path.join(NOTES_DIR, name))
    if os.path.dirname(path) != NOTES_DIR or not path.endswith(".md"):
        raise BadArguments("'name' must be the file name of a note in the notes folder")
    return path


def read_text(path, limit=256 * 1024):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read(limit)


def call_tool(name, args):
    if name == "list_notes":
        return text_result("\n".join(note_files()) or "No notes.")
    if name == "read_note":
        note = args.get("name")
        if not isinstance(note, str) or not note:
            raise BadArguments("'name' must be a non-empty string")
        try:
            return text_result(read_text(note_path(note)))
        except OSError:
            raise BadArguments(f"no note named {note}")
    if name == "search_notes":
        query = args.get("query")
        if not isinstance(query, str) or not query:
            raise BadArguments("'query' must be a non-empty string")
        hits = []
        for f in note_files():
            try:
                hits += [f"{f}: {line.strip()}" for line in read_text(os.path.join(NOTES_DIR, f)).splitlines()
                         if query.casefold() in line.casefold()]
            except OSError:
                continue
        return text_result("\n".join(hits[:200]) or "No matching lines.")
    return None


def handle(method, params):
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {"protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
                "capabilities": {"tools": {}}, "serverInfo": {"name": "private-notes", "version": "0.9.2"}}, None
    if method == "ping":
        return {}, None
    if method == "tools/list":
        return {"tools": TOOLS}, None
    if method == "tools/call":
        args = params.get("arguments") or {}
        try:
            if not isinstance(args, dict):
                raise BadArguments("'arguments' must be an object")
            result = call_tool(params.get("name"), args)
        except BadArguments as e:
            return text_result(f"Invalid arguments: {e}", is_error=True), None
        if result is None:
            return None, {"code": -32602, "message": f"Unknown tool: {params.get('name')}"}
        return result, None
    return None, {"code": -32601, "message": f"Method not found: {method}"}


def send(message):
    sys.stdout.buffer.write(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")
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
        if not isinstance(message, dict) or not isinstance(message.get("method"), str) or "id" not in message:
            continue  # notifications and stray responses need no answer
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
    except BrokenPipeError:
        os._exit(0)
