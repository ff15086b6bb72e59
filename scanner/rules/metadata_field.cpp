// Walks an inventory, including JSON schemas at any depth, and lists every declared text.
#include "scanner/rules/metadata_field.h"

namespace assay::rules {
namespace {

using nlohmann::json;

class FieldCollector {
 public:
  FieldCollector(const Inventory& inv, const FieldLimits& limits, std::vector<MetadataField>& out)
      : inv_(inv), limits_(limits), out_(out) {}

  void add(FieldKind kind, const std::string& text, const std::string& logical, const std::string& pointer,
           const std::string& owner, const std::string& param = {}) {
    if (text.empty() || budget_ == 0) return;
    --budget_;
    out_.push_back({kind, text, logical, pointer, owner, param});
  }

  void start_entity() { budget_ = limits_.max_fields_per_entity; }

  // Schemas nest through properties, items, combinators and definitions; full-schema
  // poisoning hides instructions in any of them, so every branch is walked.
  void schema(const json& s, const std::string& logical, const std::string& pointer, const std::string& owner,
              const std::string& param, int depth) {
    if (!s.is_object() || depth > limits_.max_schema_depth) return;
    text_member(s, "title", FieldKind::param_title, logical, pointer, owner, param);
    text_member(s, "description", FieldKind::param_description, logical, pointer, owner, param);
    value_member(s, "default", FieldKind::param_default, logical, pointer, owner, param);
    value_member(s, "const", FieldKind::param_default, logical, pointer, owner, param);
    list_member(s, "enum", FieldKind::param_enum, logical, pointer, owner, param);
    list_member(s, "examples", FieldKind::param_examples, logical, pointer, owner, param);
    for (const char* key : {"properties", "patternProperties", "$defs", "definitions"}) {
      auto props = s.find(key);
      if (props == s.end() || !props->is_object()) continue;
      for (const auto& [name, sub] : props->items()) {
        std::string l = logical + "/" + key + "/" + name;
        std::string p = pointer + "/" + key + "/" + pointer_escape(name);
        if (std::string_view(key) == "properties") add(FieldKind::param_name, name, l, p, owner, name);
        schema(sub, l, p, owner, std::string(key) == "properties" ? name : param, depth + 1);
      }
    }
    for (const char* key : {"items", "additionalProperties", "not", "contains"}) {
      auto sub = s.find(key);
      if (sub != s.end() && sub->is_object())
        schema(*sub, logical + "/" + key, pointer + "/" + key, owner, param, depth + 1);
    }
    for (const char* key : {"anyOf", "oneOf", "allOf", "prefixItems", "items"}) {
      auto arr = s.find(key);
      if (arr == s.end() || !arr->is_array()) continue;
      for (size_t i = 0; i < arr->size(); ++i) {
        std::string suffix = std::string("/") + key + "/" + std::to_string(i);
        schema((*arr)[i], logical + suffix, pointer + suffix, owner, param, depth + 1);
      }
    }
  }

 private:
  void text_member(const json& s, const char* key, FieldKind kind, const std::string& logical,
                   const std::string& pointer, const std::string& owner, const std::string& param) {
    auto it = s.find(key);
    if (it != s.end() && it->is_string())
      add(kind, it->get<std::string>(), logical + "/" + key, pointer + "/" + key, owner, param);
  }

  std::string render(const json& v) const {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null() || v.is_boolean() || v.is_number()) return {};
    std::string text = v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (text.size() > limits_.max_rendered_value_bytes) text.resize(limits_.max_rendered_value_bytes);
    return text;
  }

  void value_member(const json& s, const char* key, FieldKind kind, const std::string& logical,
                    const std::string& pointer, const std::string& owner, const std::string& param) {
    auto it = s.find(key);
    if (it != s.end()) add(kind, render(*it), logical + "/" + key, pointer + "/" + key, owner, param);
  }

  void list_member(const json& s, const char* key, FieldKind kind, const std::string& logical,
                   const std::string& pointer, const std::string& owner, const std::string& param) {
    auto it = s.find(key);
    if (it == s.end() || !it->is_array()) return;
    for (size_t i = 0; i < it->size(); ++i) {
      std::string suffix = std::string("/") + key + "/" + std::to_string(i);
      add(kind, render((*it)[i]), logical + suffix, pointer + suffix, owner, param);
    }
  }

  const Inventory& inv_;
  const FieldLimits& limits_;
  std::vector<MetadataField>& out_;
  size_t budget_ = 0;
};

}  // namespace

std::string pointer_escape(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::vector<MetadataField> collect_fields(const Inventory& inv, const FieldLimits& limits) {
  std::vector<MetadataField> out;
  FieldCollector c(inv, limits, out);
  const std::string& server = inv.server.name;
  const std::string& sp = inv.server_pointer;
  c.start_entity();
  c.add(FieldKind::server_name, inv.server.name, server + "/name", sp.empty() ? "" : sp + "/name", "");
  c.add(FieldKind::server_instructions, inv.server.instructions, server + "/instructions",
        sp.empty() ? "" : sp + "/instructions", "");

  for (const Tool& t : inv.tools) {
    c.start_entity();
    std::string l = server + "/tools/" + t.name;
    const std::string& p = t.source_pointer;
    c.add(FieldKind::tool_name, t.name, l + "/name", p + "/name", t.name);
    c.add(FieldKind::tool_title, t.title, l + "/title", p + "/title", t.name);
    c.add(FieldKind::tool_description, t.description, l + "/description", p + "/description", t.name);
    c.schema(t.input_schema, l + "/inputSchema", p + "/inputSchema", t.name, "", 0);
    c.schema(t.output_schema, l + "/outputSchema", p + "/outputSchema", t.name, "", 0);
    if (t.annotations.is_object()) {
      auto title = t.annotations.find("title");
      if (title != t.annotations.end() && title->is_string() && title->get<std::string>() != t.title)
        c.add(FieldKind::tool_title, title->get<std::string>(), l + "/annotations/title",
              p + "/annotations/title", t.name);
    }
  }
  for (const Prompt& pr : inv.prompts) {
    c.start_entity();
    std::string l = server + "/prompts/" + pr.name;
    const std::string& p = pr.source_pointer;
    c.add(FieldKind::prompt_name, pr.name, l + "/name", p + "/name", pr.name);
    c.add(FieldKind::prompt_title, pr.title, l + "/title", p + "/title", pr.name);
    c.add(FieldKind::prompt_description, pr.description, l + "/description", p + "/description", pr.name);
    for (size_t i = 0; i < pr.arguments.size(); ++i) {
      const auto& a = pr.arguments[i];
      std::string al = l + "/arguments/" + a.name;
      std::string ap = p + "/arguments/" + std::to_string(i);
      c.add(FieldKind::prompt_argument_name, a.name, al + "/name", ap + "/name", pr.name, a.name);
      c.add(FieldKind::prompt_argument_description, a.description, al + "/description", ap + "/description",
            pr.name, a.name);
    }
  }
  // Resources and templates differ only in the URI key; one walk serves both.
  struct UriEntity {
    const char* collection;
    const char* uri_key;
    FieldKind name, title, description, uri;
  };
  auto resource_like = [&](const UriEntity& kind, const auto& r, const std::string& uri) {
    c.start_entity();
    std::string id = r.name.empty() ? uri : r.name;
    std::string l = server + "/" + kind.collection + "/" + id;
    const std::string& p = r.source_pointer;
    c.add(kind.name, r.name, l + "/name", p + "/name", id);
    c.add(kind.title, r.title, l + "/title", p + "/title", id);
    c.add(kind.description, r.description, l + "/description", p + "/description", id);
    c.add(kind.uri, uri, l + "/" + kind.uri_key, p + "/" + kind.uri_key, id);
  };
  const UriEntity resource{"resources", "uri", FieldKind::resource_name, FieldKind::resource_title,
                           FieldKind::resource_description, FieldKind::resource_uri};
  const UriEntity resource_template{"resourceTemplates", "uriTemplate", FieldKind::template_name,
                                    FieldKind::template_title, FieldKind::template_description,
                                    FieldKind::template_uri};
  for (const Resource& r : inv.resources) resource_like(resource, r, r.uri);
  for (const ResourceTemplate& r : inv.resource_templates) resource_like(resource_template, r, r.uri_template);
  return out;
}

}  // namespace assay::rules
