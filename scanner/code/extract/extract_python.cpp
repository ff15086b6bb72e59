// Tool declarations in Python servers: FastMCP decorators and the low-level Server API.
#include "scanner/code/extract/extract_python.h"

#include "scanner/code/extract/string_eval.h"
#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;
using nlohmann::json;

namespace {

class PyExtractor {
 public:
  PyExtractor(const FileIndex& idx, ServerBuilder& b, ExtractedServer& out)
      : idx_(idx), f_(*idx.file), b_(b), out_(out) {}

  void run() {
    find_server_name();
    TSNode call_tool{};
    std::vector<TSNode> list_tools;
    walk(f_.root(), [&](TSNode n) {
      if (!is(n, "decorated_definition")) return true;
      TSNode def = field(n, "definition");
      if (!is(def, "function_definition")) return true;
      for (TSNode dec : named_children(n)) {
        if (!is(dec, "decorator")) continue;
        auto kids = named_children(dec);
        if (kids.empty()) continue;
        TSNode expr = kids.front();
        TSNode call_args{};
        if (is(expr, "call")) {
          call_args = field(expr, "arguments");
          expr = field(expr, "function");
        }
        if (!is(expr, "attribute")) continue;
        std::string_view attr = f_.text(field(expr, "attribute"));
        if (attr == "tool") fastmcp_tool(def, call_args);
        else if (attr == "list_tools") list_tools.push_back(def);
        else if (attr == "call_tool") call_tool = def;
      }
      return true;
    });
    std::vector<int> listed;
    for (TSNode fn : list_tools) lowlevel_tools(fn, listed);
    if (!is_null(call_tool)) {
      for (int t : listed) {
        b_.set_handler(t, call_tool, ArgumentStyle::arguments_dict, {1});
        b_.tool(t).dispatch_branch = dispatch_branch(call_tool, b_.tool(t).name);
      }
    }
  }

 private:
  void find_server_name() {
    walk(f_.root(), [&](TSNode n) {
      if (found_name_) return false;
      if (is(n, "call")) {
        std::string_view fn = f_.text(field(n, "function"));
        if (fn.ends_with("FastMCP") || fn == "Server" || fn.ends_with(".Server")) {
          TSNode name = keyword(field(n, "arguments"), "name");
          if (is_null(name)) {
            auto args = named_children(field(n, "arguments"));
            if (!args.empty() && !is(args[0], "keyword_argument")) name = args[0];
          }
          if (!is_null(name)) {
            StaticString s = evaluate_string(idx_, name);
            if (s.constant) {
              out_.inventory.server.name = s.text;
              found_name_ = true;
            }
          }
        }
      }
      return true;
    });
  }

  TSNode keyword(TSNode arguments, std::string_view name) {
    for (TSNode a : named_children(arguments))
      if (is(a, "keyword_argument") && f_.text(field(a, "name")) == name) return field(a, "value");
    return TSNode{};
  }

  static json type_schema(std::string_view hint) {
    json s = json::object();
    auto has = [&](std::string_view w) { return hint.find(w) != std::string_view::npos; };
    if (hint.starts_with("str") || has("Literal[")) s["type"] = "string";
    else if (hint.starts_with("int")) s["type"] = "integer";
    else if (hint.starts_with("float")) s["type"] = "number";
    else if (hint.starts_with("bool")) s["type"] = "boolean";
    else if (hint.starts_with("list") || hint.starts_with("List") || hint.starts_with("Sequence")) s["type"] = "array";
    else if (hint.starts_with("dict") || hint.starts_with("Dict")) s["type"] = "object";
    return s;
  }

  // Field(description=...) inside Annotated[...] or as a default value.
  TSNode field_description(TSNode n) {
    TSNode found{};
    walk(n, [&](TSNode c) {
      if (!is_null(found)) return false;
      if (is(c, "call")) {
        std::string_view fn = f_.text(field(c, "function"));
        if (fn == "Field" || fn.ends_with(".Field")) found = keyword(field(c, "arguments"), "description");
      }
      return true;
    });
    return found;
  }

  void fastmcp_tool(TSNode def, TSNode decorator_args) {
    TSNode name_expr = keyword(decorator_args, "name");
    int t = is_null(name_expr) ? b_.add_tool_named(std::string(f_.text(field(def, "name"))), field(def, "name"))
                               : b_.add_tool(name_expr);
    if (t < 0) return;
    TSNode title = keyword(decorator_args, "title");
    if (!is_null(title)) b_.set_text(t, "title", title);
    TSNode desc = keyword(decorator_args, "description");
    if (is_null(desc)) desc = docstring(def);
    if (!is_null(desc)) b_.set_text(t, "description", desc);

    std::vector<int> argument_parameters;
    int index = 0;
    for (TSNode p : named_children(field(def, "parameters"))) {
      std::vector<std::string> names;
      bound_names(f_, p, names);
      TSNode type = field(p, "type");
      std::string_view hint = is_null(type) ? std::string_view{} : f_.text(type);
      std::string name = names.empty() ? std::string{} : names.front();
      bool context = hint.find("Context") != std::string_view::npos || name == "self" || name == "cls";
      if (!name.empty() && !context && !is(p, "list_splat_pattern") && !is(p, "dictionary_splat_pattern")) {
        std::string_view inner = hint;
        if (inner.starts_with("Annotated[")) inner = inner.substr(10);
        bool has_default = is(p, "default_parameter") || is(p, "typed_default_parameter");
        b_.add_parameter(t, name, type_schema(inner), field_description(p), !has_default, p);
        argument_parameters.push_back(index);
      }
      ++index;
    }
    b_.set_handler(t, def, ArgumentStyle::whole_parameter, argument_parameters);
  }

  TSNode docstring(TSNode def) {
    auto body = named_children(field(def, "body"));
    if (body.empty() || !is(body.front(), "expression_statement")) return TSNode{};
    auto kids = named_children(body.front());
    if (kids.size() == 1 && (is(kids[0], "string") || is(kids[0], "concatenated_string"))) return kids[0];
    return TSNode{};
  }

  void lowlevel_tools(TSNode fn, std::vector<int>& listed) {
    walk(function_body(fn), [&](TSNode n) {
      if (!is(n, "call")) return true;
      std::string_view callee = f_.text(field(n, "function"));
      if (callee != "Tool" && !callee.ends_with(".Tool")) return true;
      TSNode args = field(n, "arguments");
      TSNode name = keyword(args, "name");
      if (is_null(name)) return true;
      int t = b_.add_tool(name);
      if (t < 0) return false;
      TSNode title = keyword(args, "title");
      if (!is_null(title)) b_.set_text(t, "title", title);
      TSNode desc = keyword(args, "description");
      if (!is_null(desc)) b_.set_text(t, "description", desc);
      TSNode schema = keyword(args, "inputSchema");
      if (is(unwrap(schema), "identifier")) schema = idx_.unique_value(std::string(f_.text(unwrap(schema))));
      if (!is_null(schema)) b_.set_input_schema_literal(t, schema);
      listed.push_back(t);
      return false;
    });
  }

  // `if name == "tool":` / `match name: case "tool":` in a call_tool dispatcher.
  TSNode dispatch_branch(TSNode fn, const std::string& tool) {
    TSNode found{};
    walk(function_body(fn), [&](TSNode n) {
      if (!is_null(found)) return false;
      if (is(n, "if_statement") || is(n, "elif_clause") || is(n, "case_clause")) {
        TSNode cond = is(n, "case_clause") ? n : field(n, "condition");
        bool match = false;
        walk(cond, [&](TSNode c) {
          if (is(c, "block")) return false;
          std::string v;
          if (is(c, "string") && literal_string(f_, c, v) && v == tool) match = true;
          return !match;
        });
        if (match) found = is(n, "case_clause") ? field(n, "consequence") : field(n, "consequence");
        if (match && is_null(found)) found = n;
      }
      return true;
    });
    return found;
  }

  const FileIndex& idx_;
  const ParsedFile& f_;
  ServerBuilder& b_;
  ExtractedServer& out_;
  bool found_name_ = false;
};

}  // namespace

void extract_python(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out) {
  PyExtractor(index, builder, out).run();
}

}  // namespace assay::code
