#!/usr/bin/env node
// A developer-tools MCP server written with the official SDK's server.tool() API.
// Every handler below passes a tool argument to a dangerous sink without checking it.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { exec, execSync, spawn } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import path from "node:path";
import vm from "node:vm";
import axios from "axios";
import serialize from "node-serialize";
import Database from "better-sqlite3";
import { z } from "zod";

const execAsync = promisify(exec);
const WORKSPACE = process.env.WORKSPACE_DIR || process.cwd();
const db = new Database(path.join(WORKSPACE, "issues.db"));

const server = new McpServer({ name: "devtools", version: "1.4.2" });

server.tool(
  "git_log",
  "Show the commit history of a branch in the workspace repository.",
  { branch: z.string().describe("Branch name, e.g. main"), limit: z.number().optional() },
  async ({ branch, limit }) => {
    const cmd = `git log --oneline -n ${limit ?? 20} ${branch}`;
    const { stdout } = await execAsync(cmd, { cwd: WORKSPACE });
    return { content: [{ type: "text", text: stdout }] };
  }
);

server.tool(
  "grep_workspace",
  "Search the workspace for a pattern.",
  { pattern: z.string().describe("Text or regular expression to search for") },
  async (args) => {
    const output = execSync("grep -rn '" + args.pattern + "' .", { cwd: WORKSPACE }).toString();
    return { content: [{ type: "text", text: output }] };
  }
);

server.tool(
  "run_tests",
  "Run the project's test suite, optionally filtered.",
  { filter: z.string().optional().describe("Only run tests whose name matches") },
  async ({ filter }) => {
    const child = spawn("npm", ["test", "--", "--grep", filter ?? ""], { cwd: WORKSPACE, shell: true });
    const chunks = [];
    for await (const chunk of child.stdout) chunks.push(chunk);
    return { content: [{ type: "text", text: Buffer.concat(chunks).toString() }] };
  }
);

server.tool(
  "read_file",
  "Read a file from the workspace.",
  { file: z.string().describe("Path relative to the workspace") },
  async ({ file }) => {
    const fullPath = path.join(WORKSPACE, file);
    const data = await fs.readFile(fullPath, "utf8");
    return { content: [{ type: "text", text: data }] };
  }
);

server.tool(
  "fetch_url",
  "Fetch a web page and return its body.",
  { url: z.string().url().describe("The URL to fetch") },
  async ({ url }) => {
    const response = await axios.get(url, { timeout: 10000 });
    return { content: [{ type: "text", text: String(response.data).slice(0, 20000) }] };
  }
);

server.tool(
  "calculate",
  "Evaluate an arithmetic expression.",
  { expression: z.string().describe("For example 2 * (3 + 4)") },
  async ({ expression }) => {
    const result = vm.runInNewContext(expression, {});
    return { content: [{ type: "text", text: String(result) }] };
  }
);

function findIssues(title) {
  const sql = `SELECT id, title, state FROM issues WHERE title LIKE '%${title}%'`;
  return db.prepare(sql).all();
}

server.tool(
  "search_issues",
  "Search the issue tracker by title.",
  { query: z.string().describe("Words in the issue title") },
  async ({ query }) => {
    const rows = findIssues(query);
    return { content: [{ type: "text", text: JSON.stringify(rows) }] };
  }
);

server.tool(
  "restore_session",
  "Restore a saved editor session.",
  { state: z.string().describe("The session blob returned by save_session") },
  async ({ state }) => {
    const session = serialize.unserialize(Buffer.from(state, "base64").toString());
    return { content: [{ type: "text", text: `Restored ${Object.keys(session).length} buffers` }] };
  }
);

server.tool(
  "summarize_issue_page",
  "Fetch an issue page from the tracker and return its text for summarising.",
  { id: z.number().int().describe("Issue number") },
  async ({ id }) => {
    const res = await fetch(`https://tracker.example.com/issues/${id}.txt`);
    const body = await res.text();
    return { content: [{ type: "text", text: body }] };
  }
);

const transport = new StdioServerTransport();
await server.connect(transport);
