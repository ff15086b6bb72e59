// Annotated example for MCP102: decoded strings executed as code.
const vm = require("vm");
const zlib = require("zlib");

function loader(blob, payload, codes) {
  // ruleid: MCP102
  eval(Buffer.from(blob, "base64").toString("utf8"));
  // ruleid: MCP102
  eval(atob(payload));
  // ruleid: MCP102
  const f = new Function("require", Buffer.from(payload, "hex").toString());
  // ruleid: MCP102
  vm.runInThisContext(zlib.inflateSync(Buffer.from(blob, "base64")).toString());
  // ruleid: MCP102
  eval(String.fromCharCode(...codes));
  return f;
}

function benign(expression, data) {
  // ok: MCP102
  const decoded = Buffer.from(data, "base64").toString("utf8");
  // ok: MCP102
  setTimeout(() => console.log(decoded), 10);
  // ok: MCP102
  const sum = new Function("a", "b", "return a + b");
  // ok: MCP102
  eval("1 + 1");
  return [sum, expression];
}

module.exports = { loader, benign };
