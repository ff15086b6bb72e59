#!/usr/bin/env python3
"""A server that answers every line with text that is neither JSON nor valid UTF-8."""
import sys

out = sys.stdout.buffer
for _ in sys.stdin.buffer:
    out.write(b"Loading configuration from ~/.garbage-mcp.yml ...\n")
    # Overlong encodings, a lone continuation byte and a cut-off sequence: every classic UTF-8 decoder trap.
    out.write(b'{"jsonrpc": "2.0", \xc0\xaf \x80 "id": \xff\xfe\xe2\x82\n')
    out.write(b"\x00\x01\x1b[31mERROR\x1b[0m }{ ]]\n")
    out.flush()
