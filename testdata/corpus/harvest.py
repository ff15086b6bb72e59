#!/usr/bin/env python3
"""Capture the declared MCP surface of real npm servers as mcp-assay inventory dumps (the benign corpus).

Two ways to run it:

  harvest.py [--servers servers.json] [--install-dir DIR] [--out DIR] [--only NAME ...] [--no-install]
      Installs every package of servers.json at its exact version into DIR (one folder per package,
      install scripts disabled), launches each over stdio with its recorded args and dummy env,
      and writes one <package-sanitized>.json per server into --out (default: benign/ beside this file).

  harvest.py --package NAME@VERSION [--env K=V ...] [--timeout S] -- COMMAND [ARG ...]
      Harvests one server from an arbitrary launch command and prints its inventory on stdout.

  harvest.py --table
      Prints the README's table of the corpus (from servers.json and the dumps in --out).

Standard library only. Every wait has a deadline and the server's whole process group is killed
at the end, because a server that hangs, forks or floods must not hang the harvest.
"""

import argparse
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOCOL_VERSION = "2025-06-18"
MAX_LINE = 32 * 1024 * 1024      # one JSON-RPC message; a flood beyond this is cut off
MAX_STDOUT = 256 * 1024 * 1024   # all stdout of one server
STDERR_TAIL = 8 * 1024           # kept only for diagnosing failures
# Declared like a full-featured client, because some servers register tools only for clients that
# can sample, elicit or list roots, and the corpus should hold the widest surface a user meets.
CLIENT_CAPABILITIES = {"roots": {"listChanged": True}, "sampling": {}, "elicitation": {}}
LIST_TIMEOUT = 20.0              # seconds for one list page
MAX_PAGES = 200                  # a server looping on nextCursor must not loop us forever


class HarvestError(Exception):
    pass


class RpcError(HarvestError):
    """The server answered with a JSON-RPC error (as opposed to not answering at all)."""


def sanitize(package_name):
    return package_name.lstrip("@").replace("/", "-")


def split_spec(spec):
    """'@scope/name@1.2.3' -> ('@scope/name', '1.2.3')."""
    at = spec.rfind("@")
    if at <= 0:
        raise HarvestError(f"package spec {spec!r} has no exact version")
    return spec[:at], spec[at + 1:]


class StdioServer:
    """A launched server speaking newline-delimited JSON-RPC on stdin/stdout."""

    def __init__(self, argv, env, cwd):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd,
                                     start_new_session=True)
        self.messages = queue.Queue()
        self.stderr_tail = b""
        self.noise_lines = 0
        self.next_id = 1
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        total = 0
        try:
            while total < MAX_STDOUT:
                line = self.proc.stdout.readline(MAX_LINE)
                if not line:
                    break
                total += len(line)
                if not line.endswith(b"\n") and len(line) >= MAX_LINE:
                    self.messages.put(("overflow", None))
                    break
                line = line.strip()
                if not line:
                    continue
                try:
                    self.messages.put(("message", json.loads(line.decode("utf-8", "replace"))))
                except ValueError:
                    # Banners and log lines on stdout are a protocol violation, not a reason to stop.
                    self.noise_lines += 1
        finally:
            self.messages.put(("eof", None))

    def _read_stderr(self):
        while True:
            chunk = self.proc.stderr.read1(65536) if hasattr(self.proc.stderr, "read1") else self.proc.stderr.read(65536)
            if not chunk:
                return
            self.stderr_tail = (self.stderr_tail + chunk)[-STDERR_TAIL:]

    def _send(self, message):
        try:
            self.proc.stdin.write(json.dumps(message).encode("utf-8") + b"\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError) as e:
            raise HarvestError(f"server closed stdin: {e}") from None

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self._send(msg)

    def _answer_server_request(self, msg):
        # Servers may ask the client things mid-handshake; answering keeps them from stalling.
        method = msg.get("method")
        if method == "ping":
            reply = {"jsonrpc": "2.0", "id": msg["id"], "result": {}}
        elif method == "roots/list":
            reply = {"jsonrpc": "2.0", "id": msg["id"], "result": {"roots": []}}
        else:
            reply = {"jsonrpc": "2.0", "id": msg["id"],
                     "error": {"code": -32601, "message": f"harvest client does not support {method}"}}
        self._send(reply)

    def request(self, method, params, deadline):
        rid = self.next_id
        self.next_id += 1
        self._send({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise HarvestError(f"no answer to {method} before the deadline")
            try:
                kind, msg = self.messages.get(timeout=remaining)
            except queue.Empty:
                continue
            if kind == "eof":
                raise HarvestError(f"server exited while waiting for {method} (exit {self.proc.poll()})")
            if kind == "overflow":
                raise HarvestError(f"a message from the server exceeded {MAX_LINE} bytes")
            if not isinstance(msg, dict):
                continue
            if "method" in msg and "id" in msg:
                self._answer_server_request(msg)
                continue
            if msg.get("id") != rid:
                continue
            if "error" in msg:
                raise RpcError(f"{method} failed: {json.dumps(msg['error'])[:500]}")
            result = msg.get("result")
            if not isinstance(result, dict):
                raise HarvestError(f"{method} returned a non-object result")
            return result

    def close(self):
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        # The server may have forked helpers (browsers, shells); the whole group goes.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                continue
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def list_all(server, method, key, deadline, warnings, essential):
    """Every page of one list. Only the tools list is essential: a server whose resources need a live
    backend (a database, a cloud drive), or that gives up on that backend and exits, still yields
    its tools, with the failure kept as a warning."""
    items, cursor = [], None
    for _ in range(MAX_PAGES):
        params = {"cursor": cursor} if cursor else {}
        try:
            result = server.request(method, params, min(deadline, time.monotonic() + LIST_TIMEOUT))
        except HarvestError as e:
            if essential:
                raise
            warnings.append(str(e) + (" (partial list dropped)" if items else ""))
            return []
        page = result.get(key)
        if isinstance(page, list):
            items.extend(page)
        cursor = result.get("nextCursor")
        if not cursor:
            return items
    warnings.append(f"{method}: stopped after {MAX_PAGES} pages")
    return items


def harvest(argv, env, cwd, package, timeout):
    """Run one server and return its inventory dump (dict) or raise HarvestError."""
    deadline = time.monotonic() + timeout
    try:
        server = StdioServer(argv, env, cwd)
    except OSError as e:
        raise HarvestError(f"cannot start {argv[0]}: {e}") from None
    warnings = []
    try:
        init = server.request("initialize", {
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": CLIENT_CAPABILITIES,
            "clientInfo": {"name": "mcp-assay-corpus-harvest", "version": "1"},
        }, deadline)
        server.notify("notifications/initialized")
        info = init.get("serverInfo") if isinstance(init.get("serverInfo"), dict) else {}
        caps = init.get("capabilities") if isinstance(init.get("capabilities"), dict) else {}
        srv = {"name": info.get("name"), "version": info.get("version"),
               "protocolVersion": init.get("protocolVersion")}
        if init.get("instructions"):
            srv["instructions"] = init["instructions"]
        srv["capabilities"] = caps
        srv["package"] = package
        dump = {"mcpAssayInventory": 1, "server": srv, "tools": [], "prompts": [],
                "resources": [], "resourceTemplates": []}
        if "tools" in caps:
            dump["tools"] = list_all(server, "tools/list", "tools", deadline, warnings, True)
        if "prompts" in caps:
            dump["prompts"] = list_all(server, "prompts/list", "prompts", deadline, warnings, False)
        if "resources" in caps:
            dump["resources"] = list_all(server, "resources/list", "resources", deadline, warnings, False)
            dump["resourceTemplates"] = list_all(server, "resources/templates/list",
                                                 "resourceTemplates", deadline, warnings, False)
        for w in warnings:
            print(f"  warning: {package}: {w}", file=sys.stderr)
        if server.noise_lines:
            print(f"  warning: {package}: {server.noise_lines} non-JSON line(s) on stdout", file=sys.stderr)
        return dump
    except HarvestError as e:
        tail = server.stderr_tail.decode("utf-8", "replace").strip()
        raise HarvestError(f"{e}" + (f"\n  stderr tail: {tail[-1500:]}" if tail else "")) from None
    finally:
        server.close()


class SilentBackend:
    """A loopback TCP listener that accepts and never answers. Servers that refuse to start unless
    their database socket connects (MySQL) get a connection that stays pending, so they come
    up and list their tools; nothing ever leaves the machine."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            if len(self.held) < 64:
                self.held.append(conn)
            else:
                conn.close()

    def close(self):
        for c in self.held:
            c.close()
        self.sock.close()


def base_env(home, extra):
    # Only what a node server needs: the caller's secrets and settings never reach the server.
    env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "HOME": home,
           "NO_COLOR": "1", "DO_NOT_TRACK": "1", "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def rebuild_native(where, modules):
    # Install scripts are disabled, so a native addon is compiled explicitly, against the local node
    # headers (prebuilt binaries would be fetched from GitHub, which is out of reach here).
    env = dict(os.environ)
    env["npm_config_build_from_source"] = "true"
    node_prefix = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("node") or "/usr/bin/node")))
    if os.path.exists(os.path.join(node_prefix, "include", "node", "node.h")):
        env["npm_config_nodedir"] = node_prefix
    try:
        done = subprocess.run(["npm", "rebuild", *modules], cwd=where, env=env, capture_output=True,
                              timeout=1800)
    except subprocess.TimeoutExpired:
        raise HarvestError(f"npm rebuild {' '.join(modules)} timed out") from None
    if done.returncode != 0:
        raise HarvestError(f"npm rebuild failed: {done.stderr.decode('utf-8', 'replace')[-800:]}")


def install(spec, install_env, install_dir, native):
    name, version = split_spec(spec)
    where = os.path.join(install_dir, sanitize(name))
    stamp = os.path.join(where, ".harvest-installed")
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            if f.read().strip() == spec:
                return where
    os.makedirs(where, exist_ok=True)
    with open(os.path.join(where, "package.json"), "w", encoding="utf-8") as f:
        f.write('{"private": true}\n')
    env = dict(os.environ)
    env.update(install_env)
    try:
        done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
                               "--save-exact", spec], cwd=where, env=env, capture_output=True,
                              timeout=900)
    except subprocess.TimeoutExpired:
        raise HarvestError(f"npm install {spec} timed out") from None
    if done.returncode != 0:
        raise HarvestError(f"npm install {spec} failed: {done.stderr.decode('utf-8', 'replace')[-800:]}")
    if native:
        rebuild_native(where, native)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(spec + "\n")
    return where


def write_dump(dump, path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(dump, indent=2, ensure_ascii=False))
        f.write("\n")


def run_recipe(entry, args, scratch):
    name, _ = split_spec(entry["package"])
    where = os.path.join(args.install_dir, sanitize(name))
    if not args.no_install:
        where = install(entry["package"], entry.get("installEnv", {}), args.install_dir,
                        entry.get("rebuild", []))
    binary = os.path.join(where, "node_modules", ".bin", entry["bin"])
    if not os.path.exists(binary):
        raise HarvestError(f"{binary} is missing (install first, or fix 'bin')")
    home = os.path.join(scratch, "home")
    work = os.path.join(scratch, "work")
    for d in (home, work):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    backend = SilentBackend() if "{silent_port}" in json.dumps(entry) else None
    port = str(backend.port) if backend else ""
    subst = lambda s: s.replace("{work}", work).replace("{home}", home).replace("{silent_port}", port)
    try:
        # Some servers refuse to start without a credentials or config file; a dummy one is enough to list.
        for path, content in entry.get("files", {}).items():
            os.makedirs(os.path.dirname(subst(path)), exist_ok=True)
            with open(subst(path), "w", encoding="utf-8") as f:
                f.write(content if isinstance(content, str) else json.dumps(content))
        argv = [binary] + [subst(a) for a in entry.get("args", [])]
        env = base_env(home, {k: subst(v) for k, v in entry.get("env", {}).items()})
        return harvest(argv, env, work, entry["package"], entry.get("timeout", args.timeout))
    finally:
        if backend:
            backend.close()


def print_table(recipes, out_dir):
    """The README's table, from the recipes and the dumps on disk."""
    print("| package | file | tools | prompts | resources + templates | launch | env |")
    print("|---|---|---:|---:|---:|---|---|")
    totals = [0, 0, 0, 0]
    for entry in recipes:
        if entry.get("skip"):
            continue
        name, _ = split_spec(entry["package"])
        file = sanitize(name) + ".json"
        try:
            with open(os.path.join(out_dir, file), encoding="utf-8") as f:
                dump = json.load(f)
        except OSError:
            continue
        counts = [len(dump.get(k, [])) for k in ("tools", "prompts", "resources", "resourceTemplates")]
        totals = [a + b for a, b in zip(totals, counts)]
        launch = " ".join([entry["bin"]] + entry.get("args", []))
        env = ", ".join(f"`{k}`" for k in entry.get("env", {})) or "—"
        print(f"| `{entry['package']}` | `{file}` | {counts[0]} | {counts[1]} | {counts[2]} + {counts[3]} "
              f"| `{launch}` | {env} |")
    print(f"| **total** | | **{totals[0]}** | **{totals[1]}** | **{totals[2]} + {totals[3]}** | | |")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--servers", default=os.path.join(HERE, "servers.json"))
    p.add_argument("--install-dir", default=os.path.join(tempfile.gettempdir(), "corpus-harvest", "pkgs"))
    p.add_argument("--out", default=os.path.join(HERE, "benign"))
    p.add_argument("--only", nargs="*", help="package names (without version) to harvest")
    p.add_argument("--no-install", action="store_true", help="use what --install-dir already holds")
    p.add_argument("--timeout", type=float, default=90.0, help="seconds per server, start to last list")
    p.add_argument("--table", action="store_true", help="print the README's markdown table and exit")
    p.add_argument("--package", help="NAME@VERSION recorded in the dump (single-command mode)")
    p.add_argument("--env", action="append", default=[], help="K=V for the server (single-command mode)")
    p.add_argument("command", nargs="*", help="launch command after -- (single-command mode)")
    args = p.parse_args()
    args.install_dir = os.path.abspath(args.install_dir)

    if args.command:
        # The server runs in a scratch directory, so a relative program path must be made absolute first.
        if os.sep in args.command[0]:
            args.command[0] = os.path.abspath(args.command[0])
        with tempfile.TemporaryDirectory(prefix="harvest-") as scratch:
            home = os.path.join(scratch, "home")
            os.makedirs(home)
            env = base_env(home, dict(kv.split("=", 1) for kv in args.env))
            try:
                dump = harvest(args.command, env, scratch, args.package or args.command[0], args.timeout)
            except HarvestError as e:
                print(f"error: {e}", file=sys.stderr)
                return 1
        print(json.dumps(dump, indent=2, ensure_ascii=False))
        return 0

    with open(args.servers, encoding="utf-8") as f:
        recipes = json.load(f)["servers"]
    if args.table:
        print_table(recipes, args.out)
        return 0
    os.makedirs(args.out, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="harvest-") as scratch:
        for entry in recipes:
            name, _ = split_spec(entry["package"])
            if args.only and name not in args.only:
                continue
            if entry.get("skip") and not args.only:
                print(f"skip  {entry['package']}: {entry['skip']}")
                continue
            try:
                dump = run_recipe(entry, args, scratch)
            except HarvestError as e:
                failures += 1
                print(f"FAIL  {entry['package']}: {e}")
                continue
            write_dump(dump, os.path.join(args.out, sanitize(name) + ".json"))
            print(f"ok    {entry['package']}: {len(dump['tools'])} tools, {len(dump['prompts'])} prompts, "
                  f"{len(dump['resources'])} resources, {len(dump['resourceTemplates'])} templates")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
