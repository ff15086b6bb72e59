#!/usr/bin/env node
// Files under one allowed directory over MCP (mcp-assay fuzz fixture: the fixed twin, the root check respects path separators).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import fs from "node:fs/promises";
import path from "node:path";
import os from "node:os";

const MAX_BYTES = 256 * 1024; // one call must not flood the client

function expandHome(p) {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}

// The allowed directory comes from the command line, like server-filesystem's.
const requestedRoot = process.argv[2];
if (!requestedRoot) {
  console.error("Usage: files-server <allowed-directory>");
  process.exit(1);
}
let root;
try {
  root = await fs.realpath(path.resolve(expandHome(requestedRoot)));
  if (!(await fs.stat(root)).isDirectory()) throw new Error("not a directory");
} catch (error) {
  console.error(`Error: allowed directory ${requestedRoot} is not accessible: ${error.message}`);
  process.exit(1);
}

// A bare prefix test would let /srv/data_evil pass for /srv/data: compare whole path components.
function isAllowed(candidate) {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

// Checked twice: the path as asked, and where it really leads once symlinks are followed.
async function validatePath(requested) {
  const absolute = path.resolve(root, expandHome(requested));
  if (!isAllowed(absolute)) throw new Error(`Access denied - path outside allowed directory: ${absolute}`);
  const real = await fs.realpath(absolute);
  if (!isAllowed(real)) throw new Error(`Access denied - symlink target outside allowed directory: ${real}`);
  return real;
}

function text(t) {
  return { content: [{ type: "text", text: t }] };
}

const server = new McpServer({ name: "files", version: "0.7.0" });

server.registerTool(
  "read_text_file",
  {
    title: "Read text file",
    description: "Read a UTF-8 text file inside the allowed directory. Paths are relative to it or absolute.",
    inputSchema: {
      path: z.string().describe("Path of the file to read"),
      head: z.number().int().positive().optional().describe("Only the first N lines"),
    },
    annotations: { readOnlyHint: true },
  },
  async ({ path: requested, head }) => {
    const file = await validatePath(requested);
    const handle = await fs.open(file, "r");
    try {
      const buffer = Buffer.alloc(MAX_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MAX_BYTES, 0);
      const content = buffer.subarray(0, bytesRead).toString("utf8");
      return text(head ? content.split("\n").slice(0, head).join("\n") : content);
    } finally {
      await handle.close();
    }
  },
);

server.registerTool(
  "list_directory",
  {
    title: "List directory",
    description: "List the entries of a directory inside the allowed directory, marking each as [FILE] or [DIR].",
    inputSchema: { path: z.string().describe("Path of the directory to list") },
    annotations: { readOnlyHint: true },
  },
  async ({ path: requested }) => {
    const dir = await validatePath(requested);
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return text(entries.map((e) => `${e.isDirectory() ? "[DIR]" : "[FILE]"} ${e.name}`).join("\n") || "(empty)");
  },
);

server.registerTool(
  "list_allowed_directories",
  {
    title: "List allowed directories",
    description: "Show the directory this server may read.",
    inputSchema: {},
    annotations: { readOnlyHint: true },
  },
  async () => text(`Allowed directories:\n${root}`),
);

console.error(`Files server running on stdio, allowed directory: ${root}`);
await server.connect(new StdioServerTransport());
