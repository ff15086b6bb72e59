// The taint engine through META's dataflow rules: sources, propagation, same-file calls,
// sanitizers and guards, and sinks reported where they are.
#include <doctest/doctest.h>

#include "tests/code_meta_support.h"

using namespace assay;
using namespace assay::code;
using assay::testing::meta::parse_text;
using assay::testing::meta::run_meta;

namespace {

std::vector<std::string> scan(Language l, const std::string& path, const std::string& text,
                              const std::vector<std::string>& only = {}) {
  auto f = parse_text(l, path, text);
  return run_meta({&f}, only);
}

const char* kJsHeader =
    "import { exec, execFile } from 'child_process';\n"  // 1
    "const server = new McpServer({ name: 's', version: '1' });\n";  // 2

}  // namespace

TEST_SUITE("code meta taint") {
  TEST_CASE("a tool argument reaching exec through a template and two same-file calls is reported at the sink") {
    std::string src = std::string(kJsHeader) +
                      "function run(cmd) {\n"                                   // 3
                      "  return exec(cmd);\n"                                   // 4
                      "}\n"                                                     // 5
                      "function gitLog(branch) { return run(`git log ${branch}`); }\n"  // 6
                      "server.tool('log', 'Log.', { branch: z.string() }, async ({ branch }) => {\n"  // 7
                      "  gitLog(branch);\n"                                     // 8
                      "  run('git status');\n"                                  // 9
                      "});\n";
    auto hits = scan(Language::javascript, "a.js", src, {"MCP121"});
    CHECK(hits == std::vector<std::string>{"MCP121:a.js:4"});
  }

  TEST_CASE("the same sink with constant input is not a finding") {
    std::string src = std::string(kJsHeader) +
                      "server.tool('up', 'Uptime.', {}, async (args) => {\n"
                      "  exec('uptime');\n"
                      "  const cmd = 'df -h';\n"
                      "  exec(cmd);\n"
                      "});\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP121"}).empty());
  }

  TEST_CASE("a minified bundle: promisify(exec) under a renamed import still is exec") {
    std::string src =
        "import{exec as Be}from\"child_process\";import{promisify as He}from\"util\";var je=He(Be);"
        "async function ae(e){let r=`curl -s \"${e}\"`;return await je(r)}"
        "class G{async request(t){return await ae(`${this.baseUrl}${t}`)}"
        "async getFile(t){let n=`/files/${t}`;return await this.request(n)}}"
        "async function ht(e,t){return await t.getFile(e.fileKey)}"
        "var E={name:\"get_data\",description:\"Get\",parameters:{},handler:ht};"
        "function De(e,t){e.tool(E.name,E.description,E.parameters,n=>E.handler(n,t))}\n";
    auto hits = scan(Language::javascript, "dist/chunk.js", src, {"MCP121"});
    CHECK(hits == std::vector<std::string>{"MCP121:dist/chunk.js:1"});
  }

  TEST_CASE("an argument array without a shell is not command injection; spawn with shell: true is") {
    std::string src = std::string(kJsHeader) +
                      "import { spawn } from 'node:child_process';\n"               // 3
                      "server.tool('t', 'T.', { f: z.string() }, async ({ f }) => {\n"  // 4
                      "  execFile('grep', ['-rn', '--', f, '.']);\n"               // 5
                      "  spawn('npm', ['test', f], { shell: true });\n"             // 6
                      "});\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP121"}) == std::vector<std::string>{"MCP121:a.js:6"});
  }

  TEST_CASE("low-level CallTool handlers: request.params.arguments is the source, the tool name is not") {
    std::string src = std::string(kJsHeader) +
                      "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [\n"  // 3
                      "  { name: 'zip', description: 'Zip.', inputSchema: { type: 'object' } }] }));\n"  // 4
                      "server.setRequestHandler(CallToolRequestSchema, async (request) => {\n"  // 5
                      "  const { name, arguments: args } = request.params;\n"  // 6
                      "  exec('echo ' + name);\n"                               // 7
                      "  exec('zip ' + args.target);\n"                         // 8
                      "});\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP121"}) == std::vector<std::string>{"MCP121:a.js:8"});
  }

  TEST_CASE("a root check that throws cleans the path, and a guard on a derived URL cleans the argument") {
    std::string src =
        "import fs from 'node:fs/promises';\n"  // 1
        "import path from 'node:path';\n"        // 2
        "const server = new McpServer({ name: 's', version: '1' });\n"  // 3
        "const ROOT = '/srv';\n"                 // 4
        "server.tool('read', 'Read.', { p: z.string() }, async ({ p }) => {\n"  // 5
        "  const full = path.resolve(ROOT, p);\n"  // 6
        "  await fs.readFile(path.join(ROOT, p));\n"  // 7
        "  if (!full.startsWith(ROOT + path.sep)) throw new Error('no');\n"  // 8
        "  return fs.readFile(full);\n"          // 9
        "});\n"
        "server.tool('get', 'Get.', { url: z.string() }, async ({ url }) => {\n"  // 11
        "  const u = new URL(url);\n"            // 12
        "  if (!['a.example'].includes(u.hostname)) throw new Error('no');\n"  // 13
        "  return fetch(url);\n"                 // 14
        "});\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP122", "MCP123"}) == std::vector<std::string>{"MCP122:a.js:7"});
  }

  TEST_CASE("SSRF: a fixed scheme and host before the argument is safe, a bare scheme is not") {
    std::string src =
        "const server = new McpServer({ name: 's', version: '1' });\n"  // 1
        "server.tool('get', 'Get.', { id: z.string(), host: z.string() }, async ({ id, host }) => {\n"  // 2
        "  await fetch(`https://api.example.com/v1/${id}`);\n"  // 3
        "  await fetch('https://' + host + '/v1');\n"            // 4
        "  await axios.get(host);\n"                             // 5
        "});\n";
    CHECK(scan(Language::javascript, "a.js", "import axios from 'axios';\n" + src, {"MCP123"}) ==
          std::vector<std::string>{"MCP123:a.js:5", "MCP123:a.js:6"});
  }

  TEST_CASE("Python: shell=True with an f-string, os.system with concatenation, a list without shell") {
    std::string src =
        "import os, subprocess\n"                              // 1
        "mcp = FastMCP('x')\n"                                 // 2
        "@mcp.tool()\n"                                        // 3
        "def du(folder: str) -> str:\n"                        // 4
        "    \"\"\"Disk usage.\"\"\"\n"                        // 5
        "    target = folder.strip()\n"                        // 6
        "    subprocess.run(f'du -sh {target}', shell=True)\n"  // 7
        "    subprocess.run(['du', '-sh', target])\n"          // 8
        "    os.system('echo ' + folder)\n"                    // 9
        "    return ''\n";
    CHECK(scan(Language::python, "s.py", src, {"MCP131"}) ==
          std::vector<std::string>{"MCP131:s.py:7", "MCP131:s.py:9"});
  }

  TEST_CASE("Python SQL: only statements built from the argument, not parameters") {
    std::string src =
        "import sqlite3\n"
        "mcp = FastMCP('x')\n"
        "def lookup(sku):\n"
        "    conn = sqlite3.connect('db')\n"
        "    conn.execute('SELECT * FROM t WHERE sku = ?', (sku,))\n"   // 5
        "    return conn.execute(\"SELECT * FROM t WHERE sku = '%s'\" % sku)\n"  // 6
        "@mcp.tool()\n"
        "def stock(sku: str) -> str:\n"
        "    return lookup(sku)\n";
    CHECK(scan(Language::python, "s.py", src, {"MCP135"}) == std::vector<std::string>{"MCP135:s.py:6"});
  }

  TEST_CASE("Go: RequireString to sh -c is reported, a direct argument vector is not") {
    std::string src =
        "package main\n"
        "import \"os/exec\"\n"
        "func h(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {\n"
        "\thost, err := request.RequireString(\"host\")\n"
        "\t_ = err\n"
        "\texec.Command(\"sh\", \"-c\", \"ping \"+host).Run()\n"  // 6
        "\texec.Command(\"ping\", \"--\", host).Run()\n"          // 7
        "\treturn nil, nil\n"
        "}\n"
        "func main() { s := server.NewMCPServer(\"d\", \"1\"); s.AddTool(mcp.NewTool(\"ping\"), h) }\n";
    CHECK(scan(Language::go, "main.go", src, {"MCP141"}) == std::vector<std::string>{"MCP141:main.go:6"});
  }

  TEST_CASE("remote content returned as tool text is low; its status line is not content") {
    std::string src =
        "const server = new McpServer({ name: 's', version: '1' });\n"
        "server.tool('page', 'Page.', {}, async () => {\n"
        "  const res = await fetch('https://example.com/notes.txt');\n"
        "  const body = await res.text();\n"
        "  if (!res.ok) return { content: [{ type: 'text', text: `${res.status}` }] };\n"  // 5
        "  return { content: [{ type: 'text', text: body }] };\n"                         // 6
        "});\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP127"}) == std::vector<std::string>{"MCP127:a.js:6"});
  }

  TEST_CASE("findings carry the tool name, the argument and high severity") {
    std::string src = std::string(kJsHeader) +
                      "server.tool('ls', 'List.', { dir: z.string() }, async (args) => { exec('ls ' + args.dir); });\n";
    auto f = parse_text(Language::javascript, "a.js", src);
    auto servers = extract_servers({&f});
    auto findings = run_dataflow_rule(testing::meta::meta_rule("MCP121"), f, tools_with_handler_in(servers, "a.js"));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].severity == Severity::high);
    CHECK(findings[0].locations[0].logical == "ls");
    CHECK(findings[0].message.find("`dir`") != std::string::npos);
    CHECK(findings[0].message.find("child_process.exec") != std::string::npos);
    CHECK_FALSE(findings[0].fingerprint.empty());
  }

  TEST_CASE("recursion and deep call chains stay bounded") {
    std::string src = std::string(kJsHeader) +
                      "function a(x) { return b(x); }\n"
                      "function b(x) { return a(x) + c(x); }\n"
                      "function c(x) { exec(x); return c(x); }\n"
                      "server.tool('r', 'R.', { x: z.string() }, async ({ x }) => a(x));\n";
    CHECK(scan(Language::javascript, "a.js", src, {"MCP121"}) == std::vector<std::string>{"MCP121:a.js:5"});
  }
}

TEST_SUITE("code meta run-time descriptions") {
  // A run-time-description rule without sinks reports every run-time description the
  // extractor finds (MCP120/MCP130/MCP140 narrow them to where descriptions are declared).
  CodeRule runtime_description_rule() {
    CodeRule r;
    r.id = "MCP120";
    r.name = "description-built-at-run-time";
    r.severity = Severity::medium;
    r.confidence = Confidence::medium;
    r.message = "The {field} is built at run time from {reads} (`{expression}`)";
    r.languages = {Language::javascript, Language::typescript, Language::tsx, Language::python, Language::go};
    r.dataflow = DataflowSpec{};
    r.dataflow->sources = "run-time-description";
    return r;
  }

  TEST_CASE("the annotated MCP120 example: counters, the clock and the environment, not constants") {
    std::string path = std::string(ASSAY_SOURCE_DIR) + "/rules/code/javascript/MCP120-description-built-at-run-time.js";
    std::string text = assay::testing::meta::read_text(path);
    auto f = parse_text(Language::javascript, "MCP120.js", text);
    auto findings = run_dataflow_rule(runtime_description_rule(), f, {});
    std::vector<int> lines;
    for (const auto& x : findings) lines.push_back(x.locations[0].physical.start_line);
    CHECK(lines == std::vector<int>{24, 33, 44});
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].message.find("clock") != std::string::npos);
    CHECK(findings[2].message.find("environment") != std::string::npos);
    CHECK(findings[0].locations[0].logical == "examples/tools/status/description");
  }

  TEST_CASE("run-time descriptions in testdata/code, one per language") {
    auto rule = runtime_description_rule();
    std::vector<std::string> where;
    for (const char* folder : {"javascript", "typescript", "python", "go"}) {
      for (const auto& f : assay::testing::meta::parse_tree(std::string("testdata/code/") + folder))
        for (const auto& x : run_dataflow_rule(rule, f, {}))
          where.push_back(x.locations[0].physical.file + ":" + std::to_string(x.locations[0].physical.start_line));
    }
    std::sort(where.begin(), where.end());
    CHECK(where == std::vector<std::string>{"testdata/code/go/mark3labs-vulnerable/main.go:109",
                                            "testdata/code/javascript/notes-lowlevel.js:36",
                                            "testdata/code/python/lowlevel_server.py:29",
                                            "testdata/code/typescript/cluster-server-vulnerable.ts:79"});
  }
}
