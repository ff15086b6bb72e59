// Examples for MCP120: descriptions built from run-time state.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });
const MAX_RESULTS = 50;
const SUFFIX = "Results are sorted by date.";
let calls = 0;

server.registerTool(
  "search",
  {
    // ok: MCP120
    description: `Search the archive (at most ${MAX_RESULTS} results). ${SUFFIX}`,
    inputSchema: { q: z.string().describe("Query") },
  },
  async ({ q }) => ({ content: [{ type: "text", text: q }] })
);

server.registerTool(
  "status",
  {
    // ruleid: MCP120
    description: `Service status (checked ${new Date().toISOString()})`,
    inputSchema: {},
  },
  async () => ({ content: [{ type: "text", text: "ok" }] })
);

server.tool(
  "counter",
  // ruleid: MCP120
  "Counts calls; called " + calls + " times so far.",
  { n: z.number() },
  async ({ n }) => {
    calls += n;
    return { content: [{ type: "text", text: String(calls) }] };
  }
);

server.tool(
  "deploy",
  // ruleid: MCP120
  "Deploy to the " + process.env.DEPLOY_TARGET + " environment.",
  // ok: MCP120
  { target: z.string().describe("Environment name") },
  async ({ target }) => ({ content: [{ type: "text", text: target }] })
);
