// Tool metadata recovered from a server's source: what it declares, where each string is,
// and which function handles each tool (the taint engine's entry points).
#pragma once
#include <tree_sitter/api.h>

#include <map>
#include <string>
#include <vector>

#include "scanner/code/parse.h"
#include "scanner/model/finding.h"
#include "scanner/model/inventory.h"

namespace assay::code {

// How a handler receives its arguments; decides what the taint engine treats as the source.
enum class ArgumentStyle {
  whole_parameter,     // the parameter IS the arguments (server.tool, FastMCP, Go SDK typed args)
  request_parameter,   // the parameter is the request: request.params.arguments (JS low level),
                       // request.RequireString("x") / GetArguments() (mcp-go)
  arguments_dict,      // Python low-level call_tool(name, arguments): the second parameter
};

struct ExtractedTool {
  std::string name;
  PhysicalLocation name_loc;
  std::string handler_name;   // function name when the handler is a named function
  TSNode handler{};           // the handler's function node; null when not found in the files
  std::string handler_file;   // path (as reported) of the file the handler node is in
  // The parameters the tool's arguments arrive in: indices into the handler's parameter list.
  std::vector<int> argument_parameters;
  ArgumentStyle style = ArgumentStyle::whole_parameter;
  std::vector<std::string> parameters;  // declared input parameter names
  // For a shared dispatcher (JS CallTool switch, Python call_tool): the branch that handles
  // this tool (a `case` or an `if name == ...` block); null otherwise.
  TSNode dispatch_branch{};
};

// A description (or parameter description) that is not a constant: built when the server
// runs, so what a client approved is not what it will see later.
struct RuntimeDescription {
  std::string tool;
  std::string field;         // logical location, as field_locations keys
  PhysicalLocation where;    // the expression that builds it
  std::string expression;    // its source text (bounded)
  std::vector<std::string> reads;  // what it depends on: "environment", "clock", "counter", ...
  std::string file;
  TSNode node{};
};

struct ExtractedServer {
  Inventory inventory;  // tools declared in source; server.name from the constructor if found
  // Logical location ("<server>/tools/NAME/description",
  // "<server>/tools/NAME/inputSchema/properties/P/description", ".../name") -> literal in source.
  std::map<std::string, PhysicalLocation> field_locations;
  // JSON pointer ("/tools/<i>/description", ...) -> the same places; for MetadataEngine::scan.
  std::map<std::string, PhysicalLocation> pointer_locations;
  std::vector<Finding> findings;  // not filled here: run-time descriptions are reported by the
                                  // MCP120/MCP130/MCP140 dataflow rules (runtime_descriptions)
  std::vector<ExtractedTool> tools;
  std::vector<RuntimeDescription> runtime_descriptions;
  std::string file;  // the file the tools are declared in
};

// One server per file that declares tools (servers built across files are grouped by the
// file holding the registrations). Handlers named by identifier are looked up in the same file
// first, then among the other files' top-level functions.
std::vector<ExtractedServer> extract_servers(const std::vector<const ParsedFile*>& files);

// Handler names registered by tools whose handler was not found in the files extracted from.
std::vector<std::string> unresolved_handlers(const std::vector<ExtractedServer>& servers);
// Looks those handlers up among the top-level functions of more files (what extract_servers
// does across its own files), for a scan that parsed only the files that mention MCP first.
void link_handlers(std::vector<ExtractedServer>& servers, const std::vector<const ParsedFile*>& files);

// The tools whose handler is in `path` (what run_dataflow_rule wants for one file).
std::vector<ExtractedTool> tools_with_handler_in(const std::vector<ExtractedServer>& servers,
                                                 const std::string& path);

}  // namespace assay::code
