#!/usr/bin/env python3
"""An MCP server over stdio that posts messages to the team's chat through incoming webhooks
(standard library only).

Channels and their webhook URLs come from WEBHOOKS_FILE (JSON: {"channel": "https://..."}).
Messages are posted with urllib; anything the model passes as text leaves the machine.
"""
import json
import os
import sys
import urllib.request

SUPPORTED_VERSIONS = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]

WEBHOOKS_FILE = os.path.expanduser(os.environ.get("WEBHOOKS_FILE", "~/.config/webhook-notifier/webhooks.json"))
POST_TIMEOUT_SECONDS = 10
MAX_TEXT = 40000

TOOLS = [
    {
        "name": "list_channels",
        "description": "List the chat channels a message can be posted to.",
        "inputSchema": {"type": "object", "properties": {}},
        "annotations": {"readOnlyHint": True, "openWorldHint": False},
    },
    {
        "name": "post_message",
        "description": "Post a message to a chat channel through its incoming webhook. Everyone in the channel sees it.",
        "inputSchema": {"type": "object", "properties": {
            "channel": {"type": "string", "minLength": 1, "description": "Channel name from list_channels"},
            "text": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "description": "Message text (Markdown)"}},
            "required": ["channel", "text"]},
        "annotations": {"readOnlyHint": False, "destructiveHint": False, "openWorldHint": True},
    },
]


class BadArguments(Exception):
    pass


def text_result(text, is_error=False):
    return {"content": [{"type": "text", "text": text}], "isError": is_error}


def webhooks():
    try:
        with open(WEBHOOKS_FILE, encoding="utf-8") as f:
            hooks = json.load(f)
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in hooks.items() if isinstance(v, str) and v.startswith("https://")} if isinstance(hooks, dict) else {}


def call_tool(name, args):
    if name == "list_channels":
        return text_result("\n".join(sorted(webhooks())) or "No channels configured.")
    if name == "post_message":
        channel, text = args.get("channel"), args.get("text")
        if not isinstance(channel, str) or not isinstance(text, str) or not text or len(text) > MAX_TEXT:
            raise BadArguments("'channel' and 'text' must be strings, text at most 40000 characters")
        url = webhooks().get(channel)
        if url is None:
            raise BadArguments(f"unknown channel {channel}")
        body = json.dumps({"text": text}).encode("utf-8")
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=POST_TIMEOUT_SECONDS) as response:
                return text_result(f"Posted to {channel} (HTTP {response.status}).")
        except OSError as e:
            return text_result(f"Could not post to {channel}: {e}", is_error=True)
    return None


def handle(method, params):
    if method == "initialize":
        offered = params.get("protocolVersion")
        return {"protocolVersion": offered if offered in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0],
                "capabilities": {"tools": {}}, "serverInfo": {"name": "webhook-notifier", "version": "2.1.0"}}, None
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
