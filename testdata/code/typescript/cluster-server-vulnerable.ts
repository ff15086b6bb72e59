// A cluster-operations MCP server written in TypeScript with McpServer.registerTool().
// The handlers trust their arguments: shell strings, user-chosen files and URLs, eval.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execSync } from "child_process";
import { readFileSync } from "fs";
import * as yaml from "js-yaml";
import { z } from "zod";

const server = new McpServer({ name: "cluster-ops", version: "2.1.0" });

function kubectl(args: string): string {
  return execSync(`kubectl ${args}`, { encoding: "utf8" });
}

function describeResource(kind: string, name: string, namespace: string): string {
  const target = `${kind}/${name}`;
  return kubectl(`describe ${target} -n ${namespace}`);
}

server.registerTool(
  "describe_resource",
  {
    title: "Describe resource",
    description: "Describe a Kubernetes resource.",
    inputSchema: {
      kind: z.string().describe("Resource kind, e.g. pod or deployment"),
      name: z.string().describe("Resource name"),
      namespace: z.string().default("default").describe("Namespace"),
    },
  },
  async ({ kind, name, namespace }) => {
    const text = describeResource(kind, name, namespace);
    return { content: [{ type: "text", text }] };
  }
);

server.registerTool(
  "apply_manifest",
  {
    description: "Apply a manifest file from the local checkout.",
    inputSchema: { manifestPath: z.string().describe("Path of the manifest") },
  },
  async ({ manifestPath }) => {
    const doc = yaml.load(readFileSync(manifestPath, "utf8")) as Record<string, unknown>;
    return { content: [{ type: "text", text: `Applied ${String(doc.kind)}` }] };
  }
);

server.registerTool(
  "probe_endpoint",
  {
    description: "Check that a service endpoint answers.",
    inputSchema: { endpoint: z.string().describe("Full URL of the health endpoint") },
  },
  async (args) => {
    const res = await fetch(args.endpoint, { method: "GET" });
    return { content: [{ type: "text", text: `${res.status} ${res.statusText}` }] };
  }
);

server.registerTool(
  "filter_pods",
  {
    description: "Filter pods with a JavaScript predicate over each pod object.",
    inputSchema: { predicate: z.string().describe("e.g. pod.status.phase === 'Failed'") },
  },
  async ({ predicate }) => {
    const pods = JSON.parse(kubectl("get pods -o json")).items as unknown[];
    const test = new Function("pod", `return (${predicate});`);
    return { content: [{ type: "text", text: JSON.stringify(pods.filter((p) => test(p))) }] };
  }
);

const region = process.env.CLUSTER_REGION ?? "eu-west-1";
server.registerTool(
  "cluster_status",
  {
    description: "Show the status of the cluster in " + region + ".",
    inputSchema: {},
  },
  async () => ({ content: [{ type: "text", text: kubectl("get nodes") }] })
);

await server.connect(new StdioServerTransport());
