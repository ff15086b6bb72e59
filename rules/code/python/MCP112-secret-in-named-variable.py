# Annotated example for MCP112: credential-shaped literals in secret-named places.
import os

# ruleid: MCP112
API_KEY = "f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4"
# ok: MCP112
TOKEN_ENV = "GITHUB_PERSONAL_ACCESS_TOKEN_V2"
# ok: MCP112
password = os.environ.get("DB_PASSWORD")


def connect(client):
    # ruleid: MCP112
    return client(api_key="Zt7Qp2Lm9Xv4Rb8Nc1Kd6Wf3Hg5Js0Ay")


HEADERS = {
    # ruleid: MCP112
    "x-auth-token": "9b1d7e3f5a2c4e6b8d0f1a3c5e7b9d2f",
    # ok: MCP112
    "user-agent": "weather-mcp/1.0.2 (contact@example.org)",
}
