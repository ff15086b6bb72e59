# Annotated example for MCP111: credentials in known formats.
# ruleid: MCP111
AWS_KEY = "AKIAZ7QW3RTY5UIOP2LK"
# ruleid: MCP111
GITHUB = "ghp_R4nd0mL00k1ngT0k3nV4lu3Qw3rTy5U1oP9z"
# ruleid: MCP111
ANTHROPIC = "sk-ant-api03-Qw8eR7tY6uI5oP4aS3dF2gH1jK0lZ9xC8vB7nM6"
# ok: MCP111
EXAMPLE = "AKIAIOSFODNN7EXAMPLE"
# ok: MCP111
PLACEHOLDER = "sk-your-openai-key-goes-here-xxxxxxxxxxxx"
# ruleid: MCP111
KEY = """-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEA7Zq
-----END RSA PRIVATE KEY-----"""
