// Examples for MCP123: tool arguments and outbound requests.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });
const ALLOWED = new Set(["api.example.com"]);

server.tool("get", "Fetch a URL.", { url: z.string() }, async ({ url }) => {
  // ruleid: MCP123
  const res = await fetch(url);
  return { content: [{ type: "text", text: String(res.status) }] };
});

server.tool("item", "Fetch an item.", { id: z.string() }, async ({ id }) => {
  // ok: MCP123
  const res = await fetch(`https://api.example.com/items/${encodeURIComponent(id)}`);
  return { content: [{ type: "text", text: String(res.status) }] };
});

server.tool("get_allowed", "Fetch an allowed URL.", { url: z.string() }, async ({ url }) => {
  const target = new URL(url);
  if (!ALLOWED.has(target.hostname)) throw new Error("host not allowed");
  // ok: MCP123
  const res = await fetch(target);
  return { content: [{ type: "text", text: String(res.status) }] };
});
