// Examples for MCP121: tool arguments and command execution.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";

const server = new McpServer({ name: "examples", version: "1.0.0" });
const run = promisify(exec);

function ping(host) {
  // ruleid: MCP121
  return run(`ping -c 1 ${host}`);
}

server.tool("ping", "Ping a host.", { host: z.string() }, async ({ host }) => {
  const { stdout } = await ping(host);
  return { content: [{ type: "text", text: stdout }] };
});

server.tool("list", "List a directory.", { dir: z.string() }, async (args) => {
  const cmd = "ls -la " + args.dir;
  // ruleid: MCP121
  exec(cmd, () => {});
  // ok: MCP121
  exec("uptime", () => {});
  // ok: MCP121
  execFile("ls", ["-la", "--", args.dir], () => {});
  // ruleid: MCP121
  spawn("ls", ["-la", args.dir], { shell: true });
  // ok: MCP121
  spawn("ls", ["-la", args.dir]);
  return { content: [{ type: "text", text: "ok" }] };
});
