// Tool metadata recovered from server source: names, descriptions, parameters, locations,
// handlers, and descriptions built at run time.
#include <doctest/doctest.h>

#include "tests/code_meta_support.h"

using namespace assay;
using namespace assay::code;
using assay::testing::meta::parse_text;

namespace {

const ExtractedTool* find_tool(const ExtractedServer& s, const std::string& name) {
  for (const auto& t : s.tools)
    if (t.name == name) return &t;
  return nullptr;
}

const Tool* declared(const ExtractedServer& s, const std::string& name) {
  for (const auto& t : s.inventory.tools)
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace

TEST_SUITE("code meta extract") {
  TEST_CASE("server.tool with a zod shape gives name, description, parameters and their lines") {
    auto f = parse_text(Language::javascript, "src/index.js",
                        "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';\n"
                        "const server = new McpServer({ name: 'weather', version: '1.0.0' });\n"
                        "server.tool(\n"
                        "  'get_forecast',\n"
                        "  'Get the forecast for a city.',\n"
                        "  { city: z.string().describe('City name'), days: z.number().int().optional() },\n"
                        "  async ({ city, days }) => ({ content: [] })\n"
                        ");\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const auto& s = servers[0];
    CHECK(s.inventory.server.name == "weather");
    const Tool* t = declared(s, "get_forecast");
    REQUIRE(t);
    CHECK(t->description == "Get the forecast for a city.");
    CHECK(t->input_schema["properties"]["city"]["type"] == "string");
    CHECK(t->input_schema["properties"]["city"]["description"] == "City name");
    CHECK(t->input_schema["properties"]["days"]["type"] == "integer");
    CHECK(t->input_schema["required"] == nlohmann::json::array({"city"}));
    CHECK(s.field_locations.at("weather/tools/get_forecast/description").start_line == 5);
    CHECK(s.field_locations.at("weather/tools/get_forecast/description").start_column == 3);
    CHECK(s.field_locations.at("weather/tools/get_forecast/inputSchema/properties/city/description").start_line == 6);
    CHECK(s.pointer_locations.at("/tools/0/description").start_line == 5);
    const ExtractedTool* et = find_tool(s, "get_forecast");
    REQUIRE(et);
    CHECK_FALSE(ts_node_is_null(et->handler));
    CHECK(et->handler_file == "src/index.js");
    CHECK(s.runtime_descriptions.empty());
  }

  TEST_CASE("registerTool reads title, description and inputSchema from its config object") {
    auto f = parse_text(Language::typescript, "server.ts",
                        "const server = new McpServer({ name: 'ops', version: '2' });\n"
                        "server.registerTool('restart', {\n"
                        "  title: 'Restart',\n"
                        "  description: 'Restart a service.',\n"
                        "  inputSchema: { service: z.string().describe('Unit name') },\n"
                        "}, async ({ service }) => ({ content: [] }));\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const Tool* t = declared(servers[0], "restart");
    REQUIRE(t);
    CHECK(t->title == "Restart");
    CHECK(t->description == "Restart a service.");
    CHECK(t->input_schema["properties"]["service"]["description"] == "Unit name");
    CHECK(servers[0].field_locations.at("ops/tools/restart/inputSchema/properties/service/description").start_line == 5);
  }

  TEST_CASE("low-level ListTools literals are handled by the CallTool switch, one branch per tool") {
    auto f = parse_text(Language::javascript, "index.js",
                        "const server = new Server({ name: 'notes', version: '1' }, { capabilities: {} });\n"
                        "const READ = { name: 'read_note', description: 'Read a note.',\n"
                        "  inputSchema: { type: 'object', properties: { id: { type: 'string', description: 'Note id' } } } };\n"
                        "server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: [READ] }));\n"
                        "server.setRequestHandler(CallToolRequestSchema, async (request) => {\n"
                        "  switch (request.params.name) {\n"
                        "    case 'read_note': return read(request.params.arguments.id);\n"
                        "  }\n"
                        "});\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const Tool* t = declared(servers[0], "read_note");
    REQUIRE(t);
    CHECK(t->input_schema["properties"]["id"]["description"] == "Note id");
    CHECK(servers[0].field_locations.at("notes/tools/read_note/inputSchema/properties/id/description").start_line == 3);
    const ExtractedTool* et = find_tool(servers[0], "read_note");
    REQUIRE(et);
    CHECK(et->style == ArgumentStyle::request_parameter);
    CHECK_FALSE(ts_node_is_null(et->dispatch_branch));
  }

  TEST_CASE("a description built from a counter and the clock is a run-time description; constants are not") {
    auto f = parse_text(Language::javascript, "index.js",
                        "const server = new McpServer({ name: 's', version: '1' });\n"
                        "const LIMIT = 10;\n"
                        "let served = 0;\n"
                        "served++;\n"
                        "server.tool('a', `At most ${LIMIT} rows.`, {}, async () => ({}));\n"
                        "server.tool('b', `Served ${served} times`, {}, async () => ({}));\n"
                        "server.tool('c', 'Now: ' + new Date().toISOString(), {}, async () => ({}));\n"
                        "server.tool('d', `Region ${process.env.REGION}`, {}, async () => ({}));\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const auto& rd = servers[0].runtime_descriptions;
    REQUIRE(rd.size() == 3);
    CHECK(rd[0].tool == "b");
    CHECK(rd[0].where.start_line == 6);
    CHECK(rd[1].tool == "c");
    CHECK(rd[1].reads == std::vector<std::string>{"clock"});
    CHECK(rd[2].reads == std::vector<std::string>{"environment"});
    CHECK(declared(servers[0], "a")->description == "At most 10 rows.");
  }

  TEST_CASE("minified bundles: tool metadata in an object literal, handler behind a member") {
    auto f = parse_text(Language::javascript, "dist/chunk.js",
                        "var ve={fileKey:H.string().describe(\"The key of the file\")};"
                        "async function ht(e,t){return t.get(e.fileKey)}"
                        "var E={name:\"get_data\",description:\"Get data\",parameters:ve,handler:ht};"
                        "var St={name:\"Figma MCP Server\",version:\"0.6.0\"};"
                        "function De(){let r=new yt(St);e.tool(E.name,E.description,E.parameters,n=>E.handler(n,t));}\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    CHECK(servers[0].inventory.server.name == "Figma MCP Server");
    const Tool* t = declared(servers[0], "get_data");
    REQUIRE(t);
    CHECK(t->description == "Get data");
    CHECK(t->input_schema["properties"]["fileKey"]["description"] == "The key of the file");
  }

  TEST_CASE("FastMCP tools: docstring, type hints, Annotated Field descriptions, Context left out") {
    auto f = parse_text(Language::python, "server.py",
                        "from mcp.server.fastmcp import FastMCP, Context\n"
                        "mcp = FastMCP(\"files\")\n"
                        "\n"
                        "@mcp.tool()\n"
                        "async def read(path: Annotated[str, Field(description=\"File to read\")], ctx: Context, limit: int = 10) -> str:\n"
                        "    \"\"\"Read a file.\"\"\"\n"
                        "    return path\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    CHECK(servers[0].inventory.server.name == "files");
    const Tool* t = declared(servers[0], "read");
    REQUIRE(t);
    CHECK(t->description == "Read a file.");
    CHECK(t->input_schema["properties"]["path"]["description"] == "File to read");
    CHECK(t->input_schema["properties"]["limit"]["type"] == "integer");
    CHECK_FALSE(t->input_schema["properties"].contains("ctx"));
    CHECK(t->input_schema["required"] == nlohmann::json::array({"path"}));
    CHECK(servers[0].field_locations.at("files/tools/read/description").start_line == 6);
    const ExtractedTool* et = find_tool(servers[0], "read");
    CHECK(et->argument_parameters == std::vector<int>{0, 2});
  }

  TEST_CASE("Python low-level list_tools returning types.Tool, dispatched by call_tool") {
    auto f = parse_text(Language::python, "server.py",
                        "server = Server(\"backup\")\n"
                        "@server.list_tools()\n"
                        "async def list_tools():\n"
                        "    return [types.Tool(name=\"run\", description=f\"Runs on {os.uname().nodename}\",\n"
                        "        inputSchema={\"type\": \"object\", \"properties\": {\"src\": {\"type\": \"string\", \"description\": \"Source\"}}})]\n"
                        "@server.call_tool()\n"
                        "async def call_tool(name, arguments):\n"
                        "    if name == \"run\":\n"
                        "        return arguments[\"src\"]\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const Tool* t = declared(servers[0], "run");
    REQUIRE(t);
    CHECK(t->input_schema["properties"]["src"]["description"] == "Source");
    CHECK(servers[0].field_locations.at("backup/tools/run/inputSchema/properties/src/description").start_line == 5);
    REQUIRE(servers[0].runtime_descriptions.size() == 1);
    CHECK(servers[0].runtime_descriptions[0].reads == std::vector<std::string>{"the host"});
    const ExtractedTool* et = find_tool(servers[0], "run");
    CHECK(et->style == ArgumentStyle::arguments_dict);
    CHECK_FALSE(ts_node_is_null(et->dispatch_branch));
  }

  TEST_CASE("mark3labs NewTool options and the official SDK's typed arguments with jsonschema tags") {
    auto f = parse_text(Language::go, "main.go",
                        "package main\n"
                        "type Args struct {\n"
                        "\tPath string `json:\"path\" jsonschema:\"the file to show\"`\n"
                        "\tLine int `json:\"line,omitempty\"`\n"
                        "}\n"
                        "func show(ctx context.Context, req *mcp.CallToolRequest, args Args) (*mcp.CallToolResult, any, error) { return nil, nil, nil }\n"
                        "func ping(ctx context.Context, r mcp.CallToolRequest) (*mcp.CallToolResult, error) { return nil, nil }\n"
                        "func main() {\n"
                        "\ts := server.NewMCPServer(\"diag\", \"1\")\n"
                        "\ttool := mcp.NewTool(\"ping\", mcp.WithDescription(\"Ping a host.\"),\n"
                        "\t\tmcp.WithString(\"host\", mcp.Required(), mcp.Description(\"Host name\")))\n"
                        "\ts.AddTool(tool, ping)\n"
                        "\tmcp.AddTool(srv, &mcp.Tool{Name: \"show\", Description: \"Show a file.\"}, show)\n"
                        "}\n");
    auto servers = extract_servers({&f});
    REQUIRE(servers.size() == 1);
    const auto& s = servers[0];
    CHECK(s.inventory.server.name == "diag");
    const Tool* ping = declared(s, "ping");
    REQUIRE(ping);
    CHECK(ping->description == "Ping a host.");
    CHECK(ping->input_schema["properties"]["host"]["description"] == "Host name");
    CHECK(ping->input_schema["required"] == nlohmann::json::array({"host"}));
    CHECK(s.field_locations.at("diag/tools/ping/inputSchema/properties/host/description").start_line == 11);
    const Tool* show = declared(s, "show");
    REQUIRE(show);
    CHECK(show->description == "Show a file.");
    CHECK(show->input_schema["properties"]["path"]["description"] == "the file to show");
    CHECK(show->input_schema["required"] == nlohmann::json::array({"path"}));
    CHECK(find_tool(s, "show")->argument_parameters == std::vector<int>{2});
    CHECK(find_tool(s, "ping")->style == ArgumentStyle::request_parameter);
  }

  TEST_CASE("a handler defined in another file is found by name") {
    auto reg = parse_text(Language::typescript, "src/index.ts",
                          "const server = new McpServer({ name: 'x', version: '1' });\n"
                          "server.tool('grep', 'Search.', { q: z.string() }, grepHandler);\n");
    auto impl = parse_text(Language::typescript, "src/tools/grep.ts",
                           "export async function grepHandler({ q }) { return q; }\n");
    auto servers = extract_servers({&reg, &impl});
    REQUIRE(servers.size() == 1);
    const ExtractedTool* et = find_tool(servers[0], "grep");
    REQUIRE(et);
    CHECK(et->handler_file == "src/tools/grep.ts");
    CHECK(tools_with_handler_in(servers, "src/tools/grep.ts").size() == 1);
  }

  TEST_CASE("files that declare no tools give no server") {
    auto f = parse_text(Language::javascript, "util.js", "export function tool(a) { return a.tool(1); }\n");
    CHECK(extract_servers({&f}).empty());
  }
}
