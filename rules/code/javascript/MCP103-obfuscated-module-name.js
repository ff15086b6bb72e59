// Annotated example for MCP103: module names hidden from review.
async function load(dir, name) {
  // ruleid: MCP103
  const cp = require("chi" + "ld_pro" + "cess");
  // ruleid: MCP103
  const net = require(Buffer.from("bmV0", "base64").toString());
  // ruleid: MCP103
  const https = await import(atob("aHR0cHM="));
  // ruleid: MCP103
  const os = require("so".split("").reverse().join(""));
  // ok: MCP103
  const plugin = require(dir + "/plugins/" + name);
  // ok: MCP103
  const local = require("./" + name);
  // ok: MCP103
  const mod = await import(`./tools/${name}.js`);
  return [cp, net, https, os, plugin, local, mod];
}

module.exports = { load };
