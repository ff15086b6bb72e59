# Annotated example for MCP110: module names hidden from review.
import base64
import importlib


def load(plugin_name):
    # ruleid: MCP110
    sp = __import__("sub" + "process")
    # ruleid: MCP110
    sock = importlib.import_module(base64.b64decode("c29ja2V0").decode())
    # ruleid: MCP110
    osmod = __import__("so"[::-1])
    # ok: MCP110
    plugin = importlib.import_module("plugins." + plugin_name)
    # ok: MCP110
    json_mod = __import__("json")
    return sp, sock, osmod, plugin, json_mod
