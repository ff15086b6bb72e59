#!/usr/bin/env python3
"""Drives one MCP server over stdio with a scripted set of calls and reports what came back.

Run it inside the sandbox, so the server it spawns is sandboxed too and every effect of a crafted
call (a file, an exec, a honeytoken open, a connection) is recorded:

    mcp-assay sandbox --json -- /usr/bin/python3 testdata/servers/fuzz/drive.py SCRIPT -- COMMAND ARGS...

SCRIPT is JSON, or `-` to read it from stdin (for scripts too big for one argument):
  {"setup": [...], "steps": [...], "look_for": [...], "files": [...], "compact": B}
  setup     {"dir": P} | {"file": P, "content": S} | {"symlink": P, "target": T} |
            {"git_repo": P} (a repository with one commit on main), done before launch
  steps     {"call": TOOL, "arguments": {...}, "echo": B} | {"list": true, "echo": B} | {"wait": SECONDS} |
            {"raw": LINE} (sent as it is, no answer awaited: for malformed input)
            ("echo": the result, or the listing as {"tools": [...]}, goes to stderr as one JSON
            line, where the sandbox looks for canaries and a test can read it back)
  look_for  strings to look for in each call's result and each listing's descriptions
  files     paths whose existence is reported after the steps
  compact   report per-step results only for steps that failed, found something or saw a change
            (long scripts: the 2 KiB that `mcp-assay sandbox` shows would not hold every step)

It prints one JSON line (small: `mcp-assay sandbox` shows the first 2 KiB of stdout):
  {"tools": [...], "steps": [{"call": T, "is_error": B, "found": [...]}, {"list": true,
   "changed": [...], "found": [...]}, ...], "notifications": [...], "files": {P: B}}
and exits 0; on a protocol failure it prints {"error": "..."} and exits 1.
"""
import json
import os
import queue
import subprocess
import sys
import threading
import time

REPLY_SECONDS = 15.0
MAX_LINE = 4 << 20


class DriveError(Exception):
    pass


def plant(setup):
    for item in setup:
        if "dir" in item:
            os.makedirs(item["dir"], exist_ok=True)
        elif "file" in item:
            os.makedirs(os.path.dirname(item["file"]), exist_ok=True)
            with open(item["file"], "w", encoding="utf-8") as f:
                f.write(item.get("content", ""))
        elif "git_repo" in item:
            identity = ["-c", "user.name=Alex", "-c", "user.email=alex@example.com"]
            subprocess.run(["git", "init", "-q", "-b", "main", item["git_repo"]], check=True)
            subprocess.run(["git", "-C", item["git_repo"], *identity, "commit", "-q", "--allow-empty", "-m", "Initial commit"], check=True)
        elif "symlink" in item:
            os.makedirs(os.path.dirname(item["symlink"]), exist_ok=True)
            os.symlink(item["target"], item["symlink"])
        else:
            raise DriveError(f"unknown setup item {item}")


class Session:
    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.inbox = queue.Queue()
        self.notifications = []
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in iter(lambda: self.proc.stdout.readline(MAX_LINE), b""):
            try:
                self.inbox.put(json.loads(line))
            except ValueError:
                self.inbox.put({"unparsable": line[:200].decode("utf-8", "replace")})
        self.inbox.put(None)

    def send(self, message):
        self.proc.stdin.write(json.dumps(message).encode() + b"\n")
        self.proc.stdin.flush()

    def _take(self, deadline):
        """One message, answering the server's own requests and keeping its notifications."""
        while True:
            try:
                message = self.inbox.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if message is None:
                raise DriveError(f"the server closed its output (exit status {self.proc.poll()})")
            if "unparsable" in message:
                raise DriveError(f"the server wrote a line that is not JSON: {message['unparsable']!r}")
            if "method" in message and "id" in message:
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": {"roots": []} if message["method"] == "roots/list" else {}})
            elif "method" in message:
                self.notifications.append(message["method"])
            else:
                return message

    def request(self, method, params):
        request_id, self.next_id = self.next_id, self.next_id + 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        deadline = time.monotonic() + REPLY_SECONDS
        while True:
            message = self._take(deadline)
            if message is None:
                raise DriveError(f"no answer to {method} within {REPLY_SECONDS} s")
            if message.get("id") == request_id:
                if "error" in message:
                    return {"rpc_error": message["error"].get("message", "")}
                return message.get("result", {})

    def settle(self, seconds):
        """Collects notifications that arrive within `seconds`."""
        deadline = time.monotonic() + seconds
        while self._take(deadline) is not None:
            pass

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def found_in(text, look_for):
    return [s for s in look_for if s in text]


def listing(session):
    result = session.request("tools/list", {})
    if "rpc_error" in result:
        raise DriveError(f"tools/list failed: {result['rpc_error']}")
    return {t["name"]: t for t in result.get("tools", [])}


def drive(script, argv):
    plant(script.get("setup", []))
    look_for = script.get("look_for", [])
    session = Session(argv)
    try:
        init = session.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                              "clientInfo": {"name": "mcp-assay-fixture-driver", "version": "1"}})
        if "rpc_error" in init:
            raise DriveError(f"initialize failed: {init['rpc_error']}")
        session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        first = listing(session)
        report = {"tools": sorted(first), "steps": []}
        for step in script.get("steps", []):
            if "call" in step:
                result = session.request("tools/call", {"name": step["call"], "arguments": step.get("arguments", {})})
                text = json.dumps(result)
                if step.get("echo"):
                    sys.stderr.write(text + "\n")
                report["steps"].append({"call": step["call"], "is_error": bool(result.get("isError")) or "rpc_error" in result,
                                        "found": found_in(text, look_for)})
            elif step.get("list"):
                session.settle(0.3)
                now = listing(session)
                changed = sorted(n for n in set(first) | set(now) if first.get(n) != now.get(n))
                descriptions = json.dumps(now)
                if step.get("echo"):
                    sys.stderr.write(json.dumps({"tools": list(now.values())}) + "\n")
                report["steps"].append({"list": True, "changed": changed, "found": found_in(descriptions, look_for)})
            elif "raw" in step:
                session.proc.stdin.write(step["raw"].encode("utf-8", "surrogatepass") + b"\n")
                session.proc.stdin.flush()
                report["steps"].append({"raw": True, "found": []})
            elif "wait" in step:
                session.settle(float(step["wait"]))
        session.settle(0.2)
        report["notifications"] = sorted(set(session.notifications))
        if script.get("compact"):
            report["errors"] = sum(1 for s in report["steps"] if s.get("is_error"))
            report["steps"] = [dict(s, index=i) for i, s in enumerate(report["steps"]) if s["found"] or s.get("changed")]
    finally:
        session.close()
    report["files"] = {p: os.path.lexists(p) for p in script.get("files", [])}
    if script.get("compact"):
        report["files"] = {p: True for p, exists in report["files"].items() if exists}
    return report


def main():
    if len(sys.argv) < 4 or "--" not in sys.argv:
        sys.exit("usage: drive.py SCRIPT_JSON -- COMMAND ARGS...")
    split = sys.argv.index("--")
    try:
        script = json.loads(sys.stdin.read() if sys.argv[1] == "-" else sys.argv[1])
        report = drive(script, sys.argv[split + 1:])
    except (DriveError, OSError, ValueError, KeyError, subprocess.CalledProcessError) as e:
        print(json.dumps({"error": str(e)}))
        sys.exit(1)
    print(json.dumps(report, separators=(",", ":")))


if __name__ == "__main__":
    main()
