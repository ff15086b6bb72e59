// Turns the pages of each advertised MCP list into inventory entities.
#include "scanner/mcp/declared_entities.h"

#include <optional>
#include <set>

#include "scanner/mcp/escape.h"

namespace assay::mcp {
namespace {

using nlohmann::json;

template <typename Entity>
using Parser = std::optional<Entity> (*)(const json&, std::string*);

template <typename Entity>
std::vector<Entity> parse_entries(const std::vector<json>& entries, Parser<Entity> parse, const std::string& method,
                                  std::vector<std::string>& warnings) {
  std::vector<Entity> out;
  for (size_t i = 0; i < entries.size(); ++i) {
    std::string why;
    if (auto entity = parse(entries[i], &why)) out.push_back(std::move(*entity));
    else warnings.push_back(method + " entry " + std::to_string(i) + " skipped: " + why);
  }
  return out;
}

// Two tools with one name: a client keeps one of them, and which one differs between clients,
// so a server can show a reviewer one tool and a model another.
void warn_duplicate_tool_names(const std::vector<Tool>& tools, std::vector<std::string>& warnings) {
  std::set<std::string> seen, reported;
  for (const auto& t : tools)
    if (!seen.insert(t.name).second && reported.insert(t.name).second)
      warnings.push_back("tools/list declares the tool name \"" + escape_for_message(t.name, 80) + "\" more than once");
}

}  // namespace

void list_declared_entities(const RequestFn& request, ListBounds bounds, Inventory& inv) {
  const json& caps = inv.server.capabilities;
  auto& warnings = inv.warnings;
  if (caps.contains("tools")) {
    auto entries = list_all_pages(request, "tools/list", "tools", bounds, warnings);
    inv.tools = parse_entries<Tool>(entries, &tool_from_protocol, "tools/list", warnings);
    warn_duplicate_tool_names(inv.tools, warnings);
  }
  if (caps.contains("prompts")) {
    auto entries = list_all_pages(request, "prompts/list", "prompts", bounds, warnings);
    inv.prompts = parse_entries<Prompt>(entries, &prompt_from_protocol, "prompts/list", warnings);
  }
  if (caps.contains("resources")) {
    auto entries = list_all_pages(request, "resources/list", "resources", bounds, warnings);
    inv.resources = parse_entries<Resource>(entries, &resource_from_protocol, "resources/list", warnings);
    auto templates = list_all_pages(request, "resources/templates/list", "resourceTemplates", bounds, warnings);
    inv.resource_templates = parse_entries<ResourceTemplate>(templates, &resource_template_from_protocol,
                                                             "resources/templates/list", warnings);
  }
}

}  // namespace assay::mcp
