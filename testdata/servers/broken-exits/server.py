#!/usr/bin/env python3
"""A server that dies before reading a single request, the way a misconfigured real server does."""
import sys

print("fatal: missing config", file=sys.stderr)
sys.exit(1)
