// Examples for MCP125: SQL built from tool arguments.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import Database from "better-sqlite3";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });
const db = new Database("app.db");

server.tool("find", "Find users.", { name: z.string() }, async ({ name }) => {
  // ruleid: MCP125
  const rows = db.prepare(`SELECT * FROM users WHERE name = '${name}'`).all();
  // ok: MCP125
  const safe = db.prepare("SELECT * FROM users WHERE name = ?").all(name);
  return { content: [{ type: "text", text: JSON.stringify([rows, safe]) }] };
});
