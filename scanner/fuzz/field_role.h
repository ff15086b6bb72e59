// What a tool parameter is for, guessed from its name, description and format: a path, a URL,
// a shell command... Payload classes name the roles that get them first.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace assay::fuzz {

enum class FieldRole { path, url, host, command, query, expression, template_text, text };

std::string_view to_string(FieldRole r);
std::optional<FieldRole> parse_field_role(const std::string& s);
const std::vector<FieldRole>& all_field_roles();

// Roles of a parameter named `name` (the last property name on its path) with `description`
// and JSON Schema `format` (either may be empty). Sorted, without duplicates.
std::vector<FieldRole> classify_field(const std::string& name, const std::string& description,
                                      const std::string& format);

}  // namespace assay::fuzz
