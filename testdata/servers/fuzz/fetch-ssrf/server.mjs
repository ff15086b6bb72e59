#!/usr/bin/env node
// Fetches documentation pages for the model over MCP (mcp-assay fuzz fixture: fetch_url fetches whatever URL it is given).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const MAX_BYTES = 512 * 1024;  // a page bigger than this is cut
const USER_AGENT = "docs-fetch/1.3 (+https://github.com/example/docs-fetch)";

function checkUrl(raw) {
  try {
    return new URL(raw);
  } catch {
    throw new Error(`Not a valid URL: ${raw}`);
  }
}

// Markup is noise to a model: keep the text, drop scripts, styles and tags.
function htmlToText(html) {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*\n+/g, "\n\n")
    .trim();
}

async function readCapped(response) {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks = [];
  let size = 0;
  while (size < MAX_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  await reader.cancel().catch(() => {});
  return Buffer.concat(chunks).subarray(0, MAX_BYTES).toString("utf8");
}

async function fetchPage(url) {
  return fetch(url, { headers: { "user-agent": USER_AGENT }, redirect: "follow", signal: AbortSignal.timeout(10_000) });
}

const server = new McpServer({ name: "docs-fetch", version: "1.3.0" });

server.registerTool(
  "fetch_url",
  {
    title: "Fetch URL",
    description: "Fetch a documentation page and return its text (HTML converted to plain text), up to max_length characters.",
    inputSchema: {
      url: z.string().describe("URL of the page to fetch"),
      max_length: z.number().int().min(100).max(100_000).default(5000).describe("Maximum number of characters to return"),
      raw: z.boolean().default(false).describe("Return the page as it came, without converting HTML to text"),
    },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  async ({ url, max_length, raw }) => {
    const response = await fetchPage(checkUrl(url));
    const body = await readCapped(response);
    const isHtml = (response.headers.get("content-type") ?? "").includes("html");
    const text = raw || !isHtml ? body : htmlToText(body);
    const header = `${response.status} ${response.statusText} ${response.url}`.trim();
    return { content: [{ type: "text", text: `${header}\n\n${text.slice(0, max_length) || "(empty page)"}` }] };
  },
);

await server.connect(new StdioServerTransport());
