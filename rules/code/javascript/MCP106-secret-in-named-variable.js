// Annotated example for MCP106: credential-shaped literals in secret-named places.
// ruleid: MCP106
const API_KEY = "f3a9c0e1b2d4f6a8c0e2b4d6f8a0c2e4";
const client = {
  // ruleid: MCP106
  clientSecret: "Zt7Qp2Lm9Xv4Rb8Nc1Kd6Wf3Hg5Js0Ay",
  // ok: MCP106
  tokenEnvVar: "GITHUB_PERSONAL_ACCESS_TOKEN_V2",
  // ok: MCP106
  password: "changeme-changeme-123",
};
function configure(self) {
  // ruleid: MCP106
  self.accessToken = "9b1d7e3f5a2c4e6b8d0f1a3c5e7b9d2f";
  // ok: MCP106
  self.refreshToken = process.env.REFRESH_TOKEN;
  // ok: MCP106
  const tokenizer = "cl100k_base-tokenizer-2024";
  return tokenizer;
}
module.exports = { API_KEY, client, configure };
