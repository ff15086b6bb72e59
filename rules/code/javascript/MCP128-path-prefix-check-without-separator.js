// Examples for MCP128: containment checks by string prefix.
import path from "node:path";

const allowedDirectories = ["/srv/data"];
const config = { rootDir: "/srv/files" };

export function isAllowed(requested) {
  const normalized = path.resolve(requested);
  // ruleid: MCP128
  const bare = allowedDirectories.some((dir) => normalized.startsWith(dir));
  // ruleid: MCP128
  const viaConfig = normalized.startsWith(config.rootDir);
  // ok: MCP128
  const separated = allowedDirectories.some((dir) => normalized === dir || normalized.startsWith(dir + path.sep));
  // ok: MCP128
  const scheme = requested.startsWith("file://");
  return bare && viaConfig && separated && !scheme;
}
