// The cluster-operations server, fixed: argument arrays instead of shell strings, manifests
// confined to the checkout, endpoints checked against the cluster domain, no eval.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { z } from "zod";

const server = new McpServer({ name: "cluster-ops", version: "2.1.1" });
const CHECKOUT = path.resolve(process.cwd());
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const PROBED_SERVICES = new Set(["api", "web", "worker"]);

function kubectl(args: string[]): string {
  return execFileSync("kubectl", args, { encoding: "utf8" });
}

function describeResource(kind: string, name: string, namespace: string): string {
  return kubectl(["describe", `${kind}/${name}`, "-n", namespace]);
}

server.registerTool(
  "describe_resource",
  {
    title: "Describe resource",
    description: "Describe a Kubernetes resource.",
    inputSchema: {
      kind: z.string().regex(NAME).describe("Resource kind, e.g. pod or deployment"),
      name: z.string().regex(NAME).describe("Resource name"),
      namespace: z.string().regex(NAME).default("default").describe("Namespace"),
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
    inputSchema: { manifestPath: z.string().describe("Path of the manifest, relative to the checkout") },
  },
  async ({ manifestPath }) => {
    const resolved = path.resolve(CHECKOUT, manifestPath);
    if (!resolved.startsWith(CHECKOUT + path.sep)) {
      throw new Error("Manifest must be inside the checkout");
    }
    const doc = yaml.load(readFileSync(resolved, "utf8"), { schema: yaml.JSON_SCHEMA }) as Record<string, unknown>;
    return { content: [{ type: "text", text: `Applied ${String(doc.kind)}` }] };
  }
);

server.registerTool(
  "probe_endpoint",
  {
    description: "Check that a service endpoint inside the cluster answers.",
    inputSchema: { service: z.string().regex(NAME).describe("Service name in the default namespace") },
  },
  async (args) => {
    if (!PROBED_SERVICES.has(args.service)) throw new Error(`Not a probed service: ${args.service}`);
    const res = await fetch(`https://${args.service}.default.svc.cluster.local/healthz`);
    return { content: [{ type: "text", text: `${res.status} ${res.statusText}` }] };
  }
);

server.registerTool(
  "cluster_status",
  {
    description: "Show the status of the cluster's nodes.",
    inputSchema: {},
  },
  async () => ({ content: [{ type: "text", text: kubectl(["get", "nodes"]) }] })
);

await server.connect(new StdioServerTransport());
