// Names and groups of metadata field kinds, as rules spell them.
#include "scanner/rules/field_kind.h"

#include <array>

namespace assay::rules {
namespace {

constexpr std::array<std::string_view, kFieldKindCount> kNames = {
    "server.name", "server.instructions",
    "tool.name", "tool.title", "tool.description",
    "param.name", "param.title", "param.description", "param.default", "param.enum", "param.examples",
    "prompt.name", "prompt.title", "prompt.description", "prompt.argument.name", "prompt.argument.description",
    "resource.name", "resource.title", "resource.description", "resource.uri",
    "template.name", "template.title", "template.description", "template.uri",
};

std::vector<FieldKind> all_where(bool (*keep)(FieldKind)) {
  std::vector<FieldKind> out;
  for (int i = 0; i < kFieldKindCount; ++i)
    if (keep(static_cast<FieldKind>(i))) out.push_back(static_cast<FieldKind>(i));
  return out;
}

bool is_uri(FieldKind k) { return k == FieldKind::resource_uri || k == FieldKind::template_uri; }
bool is_description(FieldKind k) {
  std::string_view n = kNames[static_cast<int>(k)];
  return n.ends_with("description") || k == FieldKind::server_instructions;
}

}  // namespace

std::string_view to_string(FieldKind kind) { return kNames[static_cast<int>(kind)]; }

bool is_name_field(FieldKind k) {
  std::string_view n = kNames[static_cast<int>(k)];
  return n.ends_with(".name");
}

std::optional<std::vector<FieldKind>> parse_field_selector(std::string_view name) {
  if (name == "all") return all_where([](FieldKind) { return true; });
  if (name == "names") return all_where(is_name_field);
  if (name == "descriptions") return all_where(is_description);
  // Free text a model reads: everything but identifiers and URIs.
  if (name == "text") return all_where([](FieldKind k) { return !is_name_field(k) && !is_uri(k); });
  if (name == "schema")
    return all_where([](FieldKind k) { return kNames[static_cast<int>(k)].starts_with("param."); });
  for (int i = 0; i < kFieldKindCount; ++i)
    if (kNames[i] == name) return std::vector<FieldKind>{static_cast<FieldKind>(i)};
  return std::nullopt;
}

}  // namespace assay::rules
