#!/usr/bin/env python3
"""A server that answers initialize with one 64 MiB line and no newline (or, with --endless, a line that never ends)."""
import json
import sys
import time

CHUNK = b"A" * (1 << 20)
endless = "--endless" in sys.argv[1:]

line = sys.stdin.buffer.readline()
try:
    request_id = json.loads(line).get("id", 1)
except (ValueError, AttributeError):
    request_id = 1
out = sys.stdout.buffer
try:
    # The start is a well-formed response, so only a client that caps the line, not one that checks the prefix, survives.
    out.write(json.dumps({"jsonrpc": "2.0", "id": request_id}).encode()[:-1] + b', "result": {"protocolVersion": "2025-06-18", "capabilities": {}, "serverInfo": {"name": "huge-line", "version": "1.0.0"}, "instructions": "')
    sent = 0
    while endless or sent < 64:
        out.write(CHUNK)
        sent += 1
    out.flush()
    # No closing quote, no newline, no exit: the client has to decide on its own that this is over.
    while True:
        time.sleep(3600)
except BrokenPipeError:
    sys.exit(0)
