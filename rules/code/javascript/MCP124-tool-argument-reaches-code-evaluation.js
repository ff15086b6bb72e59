// Examples for MCP124: tool arguments evaluated as code.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import vm from "node:vm";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });

server.tool("calc", "Calculate.", { expr: z.string() }, async ({ expr }) => {
  // ruleid: MCP124
  const a = eval(expr);
  // ruleid: MCP124
  const b = vm.runInNewContext(expr, {});
  // ruleid: MCP124
  const f = new Function("x", `return ${expr};`);
  // ok: MCP124
  const c = eval("1 + 1");
  return { content: [{ type: "text", text: String(a + b + f(1) + c) }] };
});
