// Examples for MCP126: tool arguments deserialized.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import serialize from "node-serialize";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });

server.tool("restore", "Restore state.", { blob: z.string() }, async ({ blob }) => {
  // ruleid: MCP126
  const state = serialize.unserialize(blob);
  // ok: MCP126
  const plain = JSON.parse(blob);
  return { content: [{ type: "text", text: String(Object.keys(state).length + Object.keys(plain).length) }] };
});
