// Annotated example for MCP105: credentials in known formats.
const config = {
  // ruleid: MCP105
  awsAccessKeyId: "AKIAZ7QW3RTY5UIOP2LK",
  // ruleid: MCP105
  github: "ghp_R4nd0mL00k1ngT0k3nV4lu3Qw3rTy5U1oP9z",
  // ruleid: MCP105
  slack: "xoxb-2837465019-7364518293-Qm9sZGVyc0FyZUZ1bg",
  // ruleid: MCP105
  openai: "sk-proj-Qw8eR7tY6uI5oP4aS3dF2gH1jK0lZ9xC8vB7nM6",
  // ok: MCP105
  example: "AKIAIOSFODNN7EXAMPLE",
  // ok: MCP105
  placeholder: "sk-your-openai-key-goes-here-xxxxxxxxxxxx",
  // ok: MCP105
  fromEnv: process.env.GITHUB_TOKEN,
};

// ruleid: MCP105
const pem = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
-----END OPENSSH PRIVATE KEY-----`;

module.exports = { config, pem };
