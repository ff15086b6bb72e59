#!/usr/bin/env node
// The same developer-tools server with every handler fixed: no shell, an argument array,
// paths confined to the workspace, an allowlist of hosts, parameterized SQL, JSON state.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs/promises";
import path from "node:path";
import axios from "axios";
import Database from "better-sqlite3";
import { z } from "zod";

const execFileAsync = promisify(execFile);
const WORKSPACE = path.resolve(process.env.WORKSPACE_DIR || process.cwd());
const db = new Database(path.join(WORKSPACE, "issues.db"));
const ALLOWED_HOSTS = new Set(["docs.example.com", "tracker.example.com"]);

const server = new McpServer({ name: "devtools", version: "1.4.3" });

function insideWorkspace(requested) {
  const resolved = path.resolve(WORKSPACE, requested);
  if (!resolved.startsWith(WORKSPACE + path.sep)) {
    throw new Error(`Access denied: ${requested} is outside the workspace`);
  }
  return resolved;
}

server.tool(
  "git_log",
  "Show the commit history of a branch in the workspace repository.",
  { branch: z.string().regex(/^[\w.\/-]+$/).describe("Branch name, e.g. main"), limit: z.number().optional() },
  async ({ branch, limit }) => {
    const { stdout } = await execFileAsync("git", ["log", "--oneline", "-n", String(limit ?? 20), "--", branch], {
      cwd: WORKSPACE,
    });
    return { content: [{ type: "text", text: stdout }] };
  }
);

server.tool(
  "grep_workspace",
  "Search the workspace for a pattern.",
  { pattern: z.string().describe("Text or regular expression to search for") },
  async (args) => {
    const { stdout } = await execFileAsync("grep", ["-rn", "--", args.pattern, "."], { cwd: WORKSPACE });
    return { content: [{ type: "text", text: stdout }] };
  }
);

server.tool(
  "run_tests",
  "Run the project's test suite, optionally filtered.",
  { filter: z.string().optional().describe("Only run tests whose name matches") },
  async ({ filter }) => {
    const child = spawn("npm", ["test", "--", "--grep", filter ?? ""], { cwd: WORKSPACE });
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
    const fullPath = insideWorkspace(file);
    const data = await fs.readFile(fullPath, "utf8");
    return { content: [{ type: "text", text: data }] };
  }
);

server.tool(
  "fetch_url",
  "Fetch a page from the project documentation site.",
  { url: z.string().url().describe("The URL to fetch") },
  async ({ url }) => {
    const target = new URL(url);
    if (target.protocol !== "https:" || !ALLOWED_HOSTS.has(target.hostname)) {
      throw new Error(`Host not allowed: ${target.hostname}`);
    }
    const response = await axios.get(target.href, { timeout: 10000, maxRedirects: 0 });
    return { content: [{ type: "text", text: String(response.data).slice(0, 20000) }] };
  }
);

server.tool(
  "calculate",
  "Evaluate an arithmetic expression.",
  { expression: z.string().describe("For example 2 * (3 + 4)") },
  async ({ expression }) => {
    if (!/^[\d\s+\-*/().]+$/.test(expression)) throw new Error("Only arithmetic is allowed");
    const tokens = expression.match(/\d+(\.\d+)?|[+\-*/()]/g) ?? [];
    return { content: [{ type: "text", text: tokens.join(" ") }] };
  }
);

function findIssues(title) {
  return db.prepare("SELECT id, title, state FROM issues WHERE title LIKE ?").all(`%${title}%`);
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
    const session = JSON.parse(Buffer.from(state, "base64").toString());
    return { content: [{ type: "text", text: `Restored ${Object.keys(session).length} buffers` }] };
  }
);

const transport = new StdioServerTransport();
await server.connect(transport);
