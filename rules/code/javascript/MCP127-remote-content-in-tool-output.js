// Examples for MCP127: fetched content returned as tool output.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });

server.tool("page", "Fetch a documentation page.", { slug: z.string() }, async ({ slug }) => {
  const res = await fetch(`https://docs.example.com/${encodeURIComponent(slug)}`);
  const body = await res.text();
  // ruleid: MCP127
  return { content: [{ type: "text", text: body }] };
});

server.tool("health", "Check the docs site.", {}, async () => {
  const res = await fetch("https://docs.example.com/health");
  // ok: MCP127
  return { content: [{ type: "text", text: `${res.status} ${res.statusText}` }] };
});
