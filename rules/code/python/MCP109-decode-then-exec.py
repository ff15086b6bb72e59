# Annotated example for MCP109: decoded bytes executed as code.
import base64
import codecs
import marshal
import zlib


def loader(blob, payload):
    # ruleid: MCP109
    exec(base64.b64decode(blob))
    # ruleid: MCP109
    exec(zlib.decompress(base64.b64decode(payload)).decode())
    # ruleid: MCP109
    eval(codecs.decode(payload, "rot13"))
    # ruleid: MCP109
    exec(marshal.loads(blob))
    # ok: MCP109
    data = base64.b64decode(blob)
    # ok: MCP109
    exec("print('hello')")
    return data
