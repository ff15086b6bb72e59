// The kinds of metadata field a rule can look at, and the names rules use for them.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::rules {

enum class FieldKind {
  server_name, server_instructions,
  tool_name, tool_title, tool_description,
  param_name, param_title, param_description, param_default, param_enum, param_examples,
  prompt_name, prompt_title, prompt_description, prompt_argument_name, prompt_argument_description,
  resource_name, resource_title, resource_description, resource_uri,
  template_name, template_title, template_description, template_uri,
};
inline constexpr int kFieldKindCount = static_cast<int>(FieldKind::template_uri) + 1;

// "tool.description", "param.enum", ...
std::string_view to_string(FieldKind kind);

// A rule's `fields:` entry: one kind name, or a group: `text` (every free-text field),
// `names` (every identifier), `descriptions`, `schema` (every param.* field), `all`.
// Returns nullopt for an unknown name.
std::optional<std::vector<FieldKind>> parse_field_selector(std::string_view name);

bool is_name_field(FieldKind kind);

}  // namespace assay::rules
