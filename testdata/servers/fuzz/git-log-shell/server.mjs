#!/usr/bin/env node
// Git history for one repository over MCP (mcp-assay fuzz fixture: git_log builds a shell command line).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { exec } from "node:child_process";
import { resolve } from "node:path";

// The repository comes from the launch command, like mcp-server-git's --repository.
const repository = resolve(process.argv[2] ?? process.cwd());

// Output is capped and every git run has a deadline: a huge history or a hung pager must not stall the client.
function git(commandLine) {
  return new Promise((done) => {
    exec(commandLine, { cwd: repository, timeout: 10_000, maxBuffer: 1 << 20, env: { ...process.env, GIT_PAGER: "cat" } },
      (error, stdout, stderr) => done({ ok: !error, stdout, stderr: stderr || error?.message || "" }));
  });
}

function reply({ ok, stdout, stderr }, empty) {
  if (!ok) return { content: [{ type: "text", text: `git failed: ${stderr.trim().slice(0, 2000)}` }], isError: true };
  return { content: [{ type: "text", text: stdout.trim() || empty }] };
}

const server = new McpServer({ name: "git-history", version: "0.4.1" });

server.registerTool(
  "git_log",
  {
    title: "Git log",
    description: "Show the commit history of a branch, newest first, one line per commit.",
    inputSchema: {
      branch: z.string().min(1).max(200).describe("Branch, tag or commit to start from, e.g. main"),
      max_count: z.number().int().min(1).max(500).default(20).describe("How many commits to show"),
      path: z.string().optional().describe("Only commits that touch this file path"),
    },
    annotations: { readOnlyHint: true },
  },
  async ({ branch, max_count, path }) =>
    reply(await git(`git log --oneline -n ${max_count} ${branch}${path ? ` -- ${path}` : ""}`), "No commits."),
);

server.registerTool(
  "git_status",
  {
    title: "Git status",
    description: "Show the working tree status: modified, staged and untracked files.",
    inputSchema: {},
    annotations: { readOnlyHint: true },
  },
  async () => reply(await git("git status --short --branch"), "Nothing to commit, working tree clean."),
);

server.registerTool(
  "git_branches",
  {
    title: "Git branches",
    description: "List the local branches; the current one is marked with an asterisk.",
    inputSchema: {},
    annotations: { readOnlyHint: true },
  },
  async () => reply(await git("git branch --list"), "No branches yet."),
);

await server.connect(new StdioServerTransport());
