#!/usr/bin/env python3
"""A server that swallows every request and never answers, not even after its input closes."""
import sys
import time

# Reads stay live so the client's writes never block: only the answer is missing.
for _ in sys.stdin.buffer:
    pass
# Closed stdin is no reason to leave: the client must give up on its own deadline and kill us.
while True:
    time.sleep(3600)
