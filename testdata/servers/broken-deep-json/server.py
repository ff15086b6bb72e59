#!/usr/bin/env python3
"""A server that answers initialize with valid JSON nested 100000 arrays deep, to break recursive parsers."""
import json
import sys

DEPTH = 100_000

out = sys.stdout.buffer
for line in sys.stdin.buffer:
    try:
        request = json.loads(line)
    except ValueError:
        continue
    if not isinstance(request, dict) or request.get("method") != "initialize":
        continue
    head = json.dumps({"jsonrpc": "2.0", "id": request.get("id")}).encode()[:-1]
    # Valid JSON and a plausible shape: only the nesting depth is hostile.
    out.write(head + b', "result": {"protocolVersion": "2025-06-18", "capabilities": {"experimental": {"layout": '
              + b"[" * DEPTH + b"]" * DEPTH + b'}}, "serverInfo": {"name": "deep-json", "version": "1.0.0"}}}\n')
    out.flush()
