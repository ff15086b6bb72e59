// The inventory: everything one MCP server declares, obtained live or from a saved dump.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace assay {

struct ServerInfo {
  std::string name;              // serverInfo.name, or a name derived from the target
  std::string version;
  std::string protocol_version;  // as the server answered initialize
  std::string instructions;      // server instructions (free text the client shows the model)
  nlohmann::json capabilities = nlohmann::json::object();
};

struct Tool {
  std::string name;
  std::string title;
  std::string description;
  nlohmann::json input_schema = nlohmann::json::object();
  nlohmann::json output_schema;  // null when absent
  nlohmann::json annotations;    // null when absent
  std::string source_pointer;    // JSON pointer of this tool in the inventory's source document
};

struct PromptArgument {
  std::string name;
  std::string title;
  std::string description;
  bool required = false;
};

struct Prompt {
  std::string name;
  std::string title;
  std::string description;
  std::vector<PromptArgument> arguments;
  std::string source_pointer;
};

struct Resource {
  std::string uri;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::string source_pointer;
};

struct ResourceTemplate {
  std::string uri_template;
  std::string name;
  std::string title;
  std::string description;
  std::string mime_type;
  std::string source_pointer;
};

// How the inventory was obtained; reports say so, since an unsandboxed launch ran target code.
// live_remote: fetched from a server reached over HTTP; none of its code ran on this machine.
enum class InventoryOrigin { dump_file, live_sandboxed, live_unsandboxed, live_remote };

struct Inventory {
  ServerInfo server;
  std::vector<Tool> tools;
  std::vector<Prompt> prompts;
  std::vector<Resource> resources;
  std::vector<ResourceTemplate> resource_templates;

  InventoryOrigin origin = InventoryOrigin::dump_file;
  // The file the entities' source_pointer values point into (a dump, or the inventory file
  // mcp-assay writes for a live server). Empty until one exists.
  std::string source_document;
  std::string server_pointer;  // JSON pointer of the server block in source_document ("" = root)
  std::vector<std::string> warnings;  // things the server did that were tolerated (bad entries skipped)
};

// mcp-assay's own inventory format (`mcp-assay inventory`); from_json reads it back.
void to_json(nlohmann::json& j, const Inventory& inv);
void from_json(const nlohmann::json& j, Inventory& inv);

// Parses one MCP entity from protocol JSON, tolerant of absent optional fields; returns
// nullopt (with a reason) when the entry is not an object or has no usable name.
std::optional<Tool> tool_from_protocol(const nlohmann::json& j, std::string* why);
std::optional<Prompt> prompt_from_protocol(const nlohmann::json& j, std::string* why);
std::optional<Resource> resource_from_protocol(const nlohmann::json& j, std::string* why);
std::optional<ResourceTemplate> resource_template_from_protocol(const nlohmann::json& j, std::string* why);

nlohmann::json tool_to_protocol(const Tool& t);

}  // namespace assay
