// Examples for MCP122: tool arguments used as file paths.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });
const ROOT = path.resolve("/srv/files");

server.tool("read", "Read a file.", { name: z.string() }, async ({ name }) => {
  // ruleid: MCP122
  const text = await fs.readFile(path.join(ROOT, name), "utf8");
  return { content: [{ type: "text", text }] };
});

server.tool("read_safe", "Read a file.", { name: z.string() }, async ({ name }) => {
  const full = path.resolve(ROOT, name);
  if (!full.startsWith(ROOT + path.sep)) throw new Error("outside the root");
  // ok: MCP122
  const text = await fs.readFile(full, "utf8");
  // ok: MCP122
  const index = await fs.readFile(path.join(ROOT, "index.txt"), "utf8");
  return { content: [{ type: "text", text: text + index }] };
});
