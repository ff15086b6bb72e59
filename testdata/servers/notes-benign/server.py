#!/usr/bin/env python3
"""A benign note-taking MCP server over stdio, written with the standard library only."""
import json
import os
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

NOTES = {}

TOOLS = [
    {
        "name": "add_note",
        "description": "Add a note with a title and text. Returns the new note's id.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "title": {"type": "string", "description": "Short title of the note"},
                "text": {"type": "string", "description": "Body of the note"},
                "tags": {"type": "array", "items": {"type": "string"}, "description": "Optional labels"},
            },
            "required": ["title", "text"],
        },
    },
    {
        "name": "search_notes",
        "description": "Find notes whose title or text contains the query.",
        "inputSchema": {
            "type": "object",
            "properties": {
                "query": {"type": "string", "description": "Text to look for"},
                "ignore_case": {"type": "boolean", "description": "Match regardless of letter case", "default": True},
            },
            "required": ["query"],
        },
        "annotations": {"readOnlyHint": True},
    },
    {
        "name": "list_notes",
        "description": "List all notes, newest first, with their ids and titles.",
        "inputSchema": {"type": "object", "properties": {}},
        "annotations": {"readOnlyHint": True},
    },
]

PROMPTS = [
    {
        "name": "summarize_notes",
        "description": "Summarize all notes, optionally only those with a tag.",
        "arguments": [{"name": "tag", "description": "Only notes with this tag", "required": False}],
    }
]


class BadArguments(Exception):
    pass


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


def require_string(args, name):
    value = args.get(name)
    if not isinstance(value, str) or not value:
        raise BadArguments(f"'{name}' must be a non-empty string")
    return value


def call_tool(name, args):
    if name == "add_note":
        tags = args.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise BadArguments("'tags' must be an array of strings")
        note_id = str(len(NOTES) + 1)
        NOTES[note_id] = {"title": require_string(args, "title"), "text": require_string(args, "text"), "tags": tags}
        return text_result(f"Added note {note_id}.")
    if name == "search_notes":
        query, ignore_case = require_string(args, "query"), args.get("ignore_case", True)
        if not isinstance(ignore_case, bool):
            raise BadArguments("'ignore_case' must be a boolean")
        fold = (lambda s: s.casefold()) if ignore_case else (lambda s: s)
        hits = [f"{i}: {n['title']}" for i, n in NOTES.items() if fold(query) in fold(n["title"] + "\n" + n["text"])]
        return text_result("\n".join(hits) or "No matching notes.")
    if name == "list_notes":
        return text_result("\n".join(f"{i}: {n['title']}" for i, n in reversed(NOTES.items())) or "No notes yet.")
    return None


def handle(method, params):
    """Returns (result, error) for one request."""
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {
            "protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
            "capabilities": {"tools": {}, "resources": {}, "prompts": {}},
            "serverInfo": {"name": "notes", "version": "0.3.1"},
            "instructions": "Notes live in memory for this session only. Use search_notes before adding a duplicate.",
        }, None
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
    if method == "resources/list":
        return {"resources": [{"uri": f"note://{i}", "name": n["title"], "mimeType": "text/plain"} for i, n in NOTES.items()]}, None
    if method == "resources/templates/list":
        return {"resourceTemplates": [{"uriTemplate": "note://{id}", "name": "note", "description": "One note by id", "mimeType": "text/plain"}]}, None
    if method == "resources/read":
        uri = params.get("uri")
        note = NOTES.get(uri.removeprefix("note://")) if isinstance(uri, str) and uri.startswith("note://") else None
        if note is None:
            return None, {"code": -32002, "message": f"Resource not found: {uri}"}
        return {"contents": [{"uri": uri, "mimeType": "text/plain", "text": f"# {note['title']}\n\n{note['text']}"}]}, None
    if method == "prompts/list":
        return {"prompts": PROMPTS}, None
    if method == "prompts/get" and params.get("name") == "summarize_notes":
        args = params.get("arguments")
        tag = args.get("tag") if isinstance(args, dict) else None
        chosen = [n for n in NOTES.values() if not tag or tag in n["tags"]]
        body = "\n\n".join(f"## {n['title']}\n{n['text']}" for n in chosen) or "(no notes)"
        return {"messages": [{"role": "user", "content": {"type": "text", "text": f"Summarize these notes in a few bullet points:\n\n{body}"}}]}, None
    if method == "prompts/get":
        return None, {"code": -32602, "message": f"Unknown prompt: {params.get('name')}"}
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
        if not isinstance(message, dict) or not isinstance(message.get("method"), str):
            if isinstance(message, dict) and "method" not in message:
                continue  # a response to something we never asked: nothing to do
            send({"jsonrpc": "2.0", "id": None, "error": {"code": -32600, "message": "Invalid Request"}})
            continue
        if "id" not in message:
            continue  # notifications need no answer
        params = message.get("params") if isinstance(message.get("params"), dict) else {}
        try:
            result, error = handle(message["method"], params)
        except Exception:  # a handler bug must cost one request, not the whole session
            result, error = None, {"code": -32603, "message": "Internal error"}
        reply = {"jsonrpc": "2.0", "id": message["id"]}
        reply.update({"error": error} if error else {"result": result})
        send(reply)


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        os._exit(0)  # the client hung up; there is nobody left to answer
