// Accumulates one file's extracted tools and the source location of every string in them.
#include "scanner/code/extract/server_builder.h"

#include "scanner/code/extract/string_eval.h"
#include "scanner/code/extract/syntax.h"
#include "scanner/rules/metadata_field.h"

namespace assay::code {

using namespace syntax;
using nlohmann::json;

namespace {

// Pointer tokens back to the plain names used in logical locations.
std::string logical_from_pointer(const std::string& pointer) {
  std::string out;
  for (size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] == '~' && i + 1 < pointer.size()) {
      out += pointer[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += pointer[i];
    }
  }
  return out;
}

constexpr size_t kMaxTools = 2000;

}  // namespace

int ServerBuilder::add_tool(TSNode name_expr) {
  StaticString name = evaluate_string(idx_, name_expr);
  // A name imported from another module stays visible as "{NAME}": the tool is still
  // analysed and its description still checked, under the constant's name.
  if (name.text.empty() || name.text == "{...}") return -1;
  return add_tool_named(name.text, name_expr);
}

int ServerBuilder::add_tool_named(const std::string& name, TSNode name_node) {
  if (out_.tools.size() >= kMaxTools) return -1;
  ExtractedTool t;
  t.name = name;
  t.name_loc = idx_.file->location(name_node);
  out_.tools.push_back(std::move(t));
  Tool declared;
  declared.name = name;
  declared.input_schema = json{{"type", "object"}, {"properties", json::object()}};
  declared.source_pointer = "/tools/" + std::to_string(out_.inventory.tools.size());
  out_.inventory.tools.push_back(std::move(declared));
  int i = static_cast<int>(out_.tools.size()) - 1;
  locate(i, "/name", name_node);
  return i;
}

void ServerBuilder::locate(int tool, const std::string& relative_pointer, TSNode node) {
  if (is_null(node)) return;
  const Tool& t = declared(tool);
  PhysicalLocation where = idx_.file->location(node);
  out_.pointer_locations[t.source_pointer + relative_pointer] = where;
  out_.field_locations[out_.inventory.server.name + "/tools/" + t.name + logical_from_pointer(relative_pointer)] =
      where;
}

void ServerBuilder::set_text(int tool, const std::string& member, TSNode expr) {
  if (is_null(expr)) return;
  StaticString s = evaluate_string(idx_, expr);
  Tool& t = declared(tool);
  std::string value = s.text;
  if (member == "description") t.description = value;
  else if (member == "title") t.title = value;
  locate(tool, "/" + member, unwrap(expr));
  if (!s.constant && !s.reads.empty()) {
    RuntimeDescription r;
    r.tool = t.name;
    r.field = out_.inventory.server.name + "/tools/" + t.name + "/" + member;
    r.where = idx_.file->location(unwrap(expr));
    std::string_view text = idx_.file->text(unwrap(expr));
    r.expression = std::string(text.substr(0, 200));
    r.reads = s.reads;
    r.file = idx_.file->file().path;
    r.node = unwrap(expr);
    out_.runtime_descriptions.push_back(std::move(r));
  }
}

void ServerBuilder::add_parameter(int tool, const std::string& name, json schema, TSNode description,
                                  bool required, TSNode name_node) {
  Tool& t = declared(tool);
  std::string ptr = "/inputSchema/properties/" + rules::pointer_escape(name);
  locate(tool, ptr, name_node);  // the parameter's name (what param.name rules point at)
  if (!is_null(description)) {
    StaticString d = evaluate_string(idx_, description);
    schema["description"] = d.text;
    locate(tool, ptr + "/description", unwrap(description));
    if (!d.constant && !d.reads.empty()) {
      RuntimeDescription r;
      r.tool = t.name;
      r.field = out_.inventory.server.name + "/tools/" + t.name + "/inputSchema/properties/" + name + "/description";
      r.where = idx_.file->location(unwrap(description));
      r.expression = std::string(idx_.file->text(unwrap(description)).substr(0, 200));
      r.reads = d.reads;
      r.file = idx_.file->file().path;
      r.node = unwrap(description);
      out_.runtime_descriptions.push_back(std::move(r));
    }
  }
  t.input_schema["properties"][name] = std::move(schema);
  if (required) t.input_schema["required"].push_back(name);
  this->tool(tool).parameters.push_back(name);
}

json ServerBuilder::literal_to_json(TSNode n, const std::string& pointer, std::map<std::string, TSNode>& strings,
                                    int depth) {
  n = unwrap(n);
  if (is_null(n) || depth > 32) return nullptr;
  const ParsedFile& f = *idx_.file;
  std::string_view k = kind(n);
  if (k == "object" || k == "dictionary") {
    json obj = json::object();
    for (TSNode pair : named_children(n)) {
      if (!is(pair, "pair")) continue;
      TSNode key = field(pair, "key");
      std::string key_text;
      if (is(key, "property_identifier") || (is(key, "identifier") && k == "object")) key_text = std::string(f.text(key));
      else if (!literal_string(f, key, key_text)) continue;
      std::string child = pointer + "/" + rules::pointer_escape(key_text);
      obj[key_text] = literal_to_json(field(pair, "value"), child, strings, depth + 1);
      // A member whose value is not a string is located at its key (a property's name).
      if (!obj[key_text].is_string()) strings[child] = key;
    }
    return obj;
  }
  if (k == "array" || k == "list" || k == "tuple") {
    json arr = json::array();
    for (TSNode e : named_children(n))
      arr.push_back(literal_to_json(e, pointer + "/" + std::to_string(arr.size()), strings, depth + 1));
    return arr;
  }
  if (k == "true" || k == "True") return true;
  if (k == "false" || k == "False") return false;
  if (k == "null" || k == "none" || k == "None" || k == "undefined") return nullptr;
  if (k == "number" || k == "integer" || k == "float") {
    try {
      return json::parse(std::string(f.text(n)));
    } catch (...) {
      return std::string(f.text(n));
    }
  }
  if (k == "identifier") {
    TSNode bound = idx_.unique_value(std::string(f.text(n)));
    if (!is_null(bound) && !syntax::same(bound, n)) return literal_to_json(bound, pointer, strings, depth + 1);
  }
  StaticString s = evaluate_string(idx_, n);
  strings[pointer] = n;
  return s.text;
}

void ServerBuilder::set_input_schema_literal(int tool, TSNode literal) {
  std::map<std::string, TSNode> strings;
  json schema = literal_to_json(literal, "/inputSchema", strings);
  if (!schema.is_object()) return;
  Tool& t = declared(tool);
  t.input_schema = schema;
  for (const auto& [ptr, node] : strings) {
    locate(tool, ptr, node);
    if (ptr.size() > 12 && ptr.compare(ptr.size() - 12, 12, "/description") == 0) {
      StaticString d = evaluate_string(idx_, node);
      if (!d.constant && !d.reads.empty()) {
        RuntimeDescription r;
        r.tool = t.name;
        r.field = out_.inventory.server.name + "/tools/" + t.name + logical_from_pointer(ptr);
        r.where = idx_.file->location(node);
        r.expression = std::string(idx_.file->text(node).substr(0, 200));
        r.reads = d.reads;
        r.file = idx_.file->file().path;
        r.node = node;
        out_.runtime_descriptions.push_back(std::move(r));
      }
    }
  }
  auto props = t.input_schema.find("properties");
  if (props != t.input_schema.end() && props->is_object())
    for (auto it = props->begin(); it != props->end(); ++it) this->tool(tool).parameters.push_back(it.key());
}

void ServerBuilder::set_handler(int tool, TSNode fn, ArgumentStyle style, std::vector<int> argument_parameters) {
  ExtractedTool& t = this->tool(tool);
  t.handler = fn;
  t.style = style;
  t.argument_parameters = std::move(argument_parameters);
  t.handler_file = idx_.file->file().path;
}

}  // namespace assay::code
