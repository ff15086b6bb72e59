#!/usr/bin/env python3
"""A read-only MCP server over stdio for a public project's issue tracker (standard library only).

Issues and comments are written by anyone with an account, so what these tools return is
untrusted text. The tracker is a fixed, bundled snapshot: the server makes no network calls.
"""
import json
import os
import sys

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

ISSUES = {
    101: {"title": "Crash when the config file is empty", "author": "mgarcia", "state": "open",
          "body": "Starting with an empty config.toml panics instead of using defaults.",
          "comments": [{"author": "tlee", "body": "Reproduced on 2.3.1."}]},
    102: {"title": "Docs: proxy settings", "author": "anon-4411", "state": "open",
          "body": "The proxy section of the docs is out of date.", "comments": []},
}

READ_ONLY_PUBLIC = {"readOnlyHint": True, "openWorldHint": True}

TOOLS = [
    {
        "name": "list_issues",
        "description": "List issues of the public project tracker with their number, title, author and state.",
        "inputSchema": {"type": "object", "properties": {
            "state": {"type": "string", "enum": ["open", "closed", "all"], "default": "open", "description": "Which issues to list"}}},
        "annotations": READ_ONLY_PUBLIC,
    },
    {
        "name": "get_issue",
        "description": "Get one issue of the public tracker with its body and comments, as the reporters wrote them.",
        "inputSchema": {"type": "object", "properties": {
            "number": {"type": "integer", "minimum": 1, "description": "Issue number"}}, "required": ["number"]},
        "annotations": READ_ONLY_PUBLIC,
    },
    {
        "name": "search_issues",
        "description": "Search issue titles and bodies of the public tracker for a phrase.",
        "inputSchema": {"type": "object", "properties": {
            "query": {"type": "string", "minLength": 1, "description": "Phrase to look for"}}, "required": ["query"]},
        "annotations": READ_ONLY_PUBLIC,
    },
]


class BadArguments(Exception):
    pass


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


def call_tool(name, args):
    if name == "list_issues":
        state = args.get("state", "open")
        if state not in ("open", "closed", "all"):
            raise BadArguments("'state' must be open, closed or all")
        rows = [f"#{n} [{i['state']}] {i['title']} (by {i['author']})" for n, i in ISSUES.items() if state in ("all", i["state"])]
        return text_result("\n".join(rows) or "No issues.")
    if name == "get_issue":
        number = args.get("number")
        if not isinstance(number, int) or isinstance(number, bool) or number not in ISSUES:
            raise BadArguments("'number' must be the number of an existing issue")
        i = ISSUES[number]
        comments = "\n".join(f"- {c['author']}: {c['body']}" for c in i["comments"]) or "(no comments)"
        return text_result(f"#{number} {i['title']}\nby {i['author']}\n\n{i['body']}\n\nComments:\n{comments}")
    if name == "search_issues":
        query = args.get("query")
        if not isinstance(query, str) or not query:
            raise BadArguments("'query' must be a non-empty string")
        hits = [f"#{n} {i['title']}" for n, i in ISSUES.items() if query.casefold() in (i["title"] + " " + i["body"]).casefold()]
        return text_result("\n".join(hits) or "No matching issues.")
    return None


def handle(method, params):
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {"protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
                "capabilities": {"tools": {}}, "serverInfo": {"name": "issue-tracker", "version": "1.4.0"}}, None
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
