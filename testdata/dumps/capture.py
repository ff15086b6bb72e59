#!/usr/bin/env python3
"""Launches an MCP server over stdio, performs the handshake and saves its tools/list result as a dump.

Usage: capture.py [-o OUT] [--response] [--timeout S] [--cwd DIR] [--env K=V ...] -- COMMAND [ARG ...]

Writes {"tools": [...]} (or, with --response, the JSON-RPC response form with id 2) pretty-printed
with 2-space indentation. Pages announced by nextCursor are followed and merged. Every wait has a
deadline and every line a size cap, so a broken server makes this fail instead of hang.
"""
import argparse
import json
import os
import selectors
import signal
import subprocess
import sys
import time

MAX_LINE_BYTES = 16 << 20
MAX_PAGES = 100


class CaptureError(Exception):
    pass


class StdioPeer:
    """A child process spoken to in newline-delimited JSON-RPC, with one deadline for the whole session."""

    def __init__(self, command, cwd, env, deadline, quiet):
        self.proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if quiet else None, start_new_session=True,
        )
        self.deadline = deadline
        self.buffer = bytearray()
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.proc.stdout, selectors.EVENT_READ)

    def send(self, message):
        try:
            self.proc.stdin.write(json.dumps(message).encode() + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            raise CaptureError(f"server closed its input (exit code {self.exit_code()})") from None

    def read_message(self):
        while (end := self.buffer.find(b"\n")) < 0:
            if len(self.buffer) > MAX_LINE_BYTES:
                raise CaptureError(f"server sent a line longer than {MAX_LINE_BYTES} bytes")
            remaining = self.deadline - time.monotonic()
            if remaining <= 0 or not self.selector.select(remaining):
                raise CaptureError("timed out waiting for the server")
            chunk = os.read(self.proc.stdout.fileno(), 1 << 16)
            if not chunk:
                raise CaptureError(f"server closed its output (exit code {self.exit_code()})")
            self.buffer += chunk
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        try:
            return json.loads(line.decode("utf-8"))
        except (ValueError, RecursionError) as e:
            raise CaptureError(f"server sent a line that is not usable JSON ({type(e).__name__}): {line[:80]!r}") from None

    def exit_code(self):
        try:
            return self.proc.wait(1)
        except subprocess.TimeoutExpired:
            return None

    def request(self, request_id, method, params):
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            message = self.read_message()
            if not isinstance(message, dict):
                raise CaptureError(f"server sent a JSON value that is not an object: {str(message)[:80]}")
            if "method" in message and "id" in message:
                # A request from the server (ping, sampling, roots): answer so it does not wait on us.
                reply = {"result": {}} if message["method"] == "ping" else {"error": {"code": -32601, "message": "not supported by capture.py"}}
                self.send({"jsonrpc": "2.0", "id": message["id"], **reply})
            elif "method" not in message and message.get("id") == request_id:
                if "error" in message:
                    raise CaptureError(f"{method} failed: {json.dumps(message['error'])}")
                return message.get("result")

    def close(self):
        for step in (lambda: self.proc.stdin.close(), lambda: os.killpg(self.proc.pid, signal.SIGTERM), lambda: os.killpg(self.proc.pid, signal.SIGKILL)):
            try:
                step()
                self.proc.wait(2)
                return
            except (OSError, subprocess.TimeoutExpired):
                continue


def capture(peer, protocol_version):
    init = peer.request(1, "initialize", {
        "protocolVersion": protocol_version, "capabilities": {},
        "clientInfo": {"name": "mcp-assay-capture", "version": "1.0.0"},
    })
    if not isinstance(init, dict) or not isinstance(init.get("capabilities"), dict):
        raise CaptureError("initialize result has no capabilities object")
    peer.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    tools, params = [], {}
    for page in range(MAX_PAGES):
        result = peer.request(2 + page, "tools/list", params)
        if not isinstance(result, dict) or not isinstance(result.get("tools"), list):
            raise CaptureError("tools/list result has no tools array")
        tools += result["tools"]
        if not result.get("nextCursor"):
            return tools
        params = {"cursor": result["nextCursor"]}
    raise CaptureError(f"tools/list still paginating after {MAX_PAGES} pages")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--response", action="store_true", help="write the JSON-RPC response form with id 2")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for the whole exchange (default 30)")
    parser.add_argument("--protocol-version", default="2025-06-18")
    parser.add_argument("--cwd", help="directory to start the server in")
    parser.add_argument("--env", action="append", default=[], metavar="K=V", help="extra environment variable")
    parser.add_argument("--quiet", action="store_true", help="discard the server's standard error")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing server command after --")
    env = dict(os.environ, **dict(kv.split("=", 1) for kv in args.env))

    try:
        peer = StdioPeer(command, args.cwd, env, time.monotonic() + args.timeout, args.quiet)
    except OSError as e:
        sys.exit(f"capture.py: cannot start {command[0]}: {e}")
    try:
        tools = capture(peer, args.protocol_version)
    except CaptureError as e:
        sys.exit(f"capture.py: {e}")
    finally:
        peer.close()

    dump = {"jsonrpc": "2.0", "id": 2, "result": {"tools": tools}} if args.response else {"tools": tools}
    try:
        data = (json.dumps(dump, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates cannot be UTF-8: keep them as \u escapes so the dump stays exactly what was sent.
        data = (json.dumps(dump, indent=2) + "\n").encode("ascii")
    if args.output:
        with open(args.output, "wb") as f:
            f.write(data)
    else:
        sys.stdout.buffer.write(data)


if __name__ == "__main__":
    main()
