// Tool declarations in Go servers: mark3labs/mcp-go and the official Go SDK.
#include "scanner/code/extract/extract_go.h"

#include "scanner/code/extract/string_eval.h"
#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;
using nlohmann::json;

namespace {

class GoExtractor {
 public:
  GoExtractor(const FileIndex& idx, ServerBuilder& b, ExtractedServer& out)
      : idx_(idx), f_(*idx.file), b_(b), out_(out) {}

  void run() {
    find_server_name();
    std::vector<TSNode> add_calls;
    walk(f_.root(), [&](TSNode n) {
      if (is(n, "call_expression") && callee_name(n) == "AddTool") add_calls.push_back(n);
      return true;
    });
    for (TSNode call : add_calls) {
      auto args = named_children(field(call, "arguments"));
      TSNode fn = field(call, "function");
      bool package_function = is(fn, "selector_expression") && f_.text(field(fn, "operand")) == "mcp";
      if (package_function && args.size() >= 3) official_tool(args[1], args[2]);
      else if (args.size() >= 2) mark3labs_tool(args[0], args[1]);
    }
  }

 private:
  std::string_view callee_name(TSNode call) {
    TSNode fn = field(call, "function");
    if (is(fn, "selector_expression")) return f_.text(field(fn, "field"));
    if (is(fn, "identifier")) return f_.text(fn);
    return {};
  }

  void find_server_name() {
    walk(f_.root(), [&](TSNode n) {
      if (found_name_) return false;
      if (!is(n, "call_expression")) return true;
      std::string_view name = callee_name(n);
      auto args = named_children(field(n, "arguments"));
      TSNode expr{};
      if (name == "NewMCPServer" && !args.empty()) expr = args[0];
      if (name == "NewServer" && !args.empty()) expr = keyed(composite(args[0]), "Name");
      if (!is_null(expr)) {
        StaticString s = evaluate_string(idx_, expr);
        if (s.constant) {
          out_.inventory.server.name = s.text;
          found_name_ = true;
        }
      }
      return true;
    });
  }

  // &T{...} or T{...}, directly or through a variable.
  TSNode composite(TSNode n) {
    n = unwrap(n);
    for (int i = 0; i < 4; ++i) {
      if (is(n, "unary_expression")) n = unwrap(field(n, "operand"));
      else if (is(n, "identifier")) n = unwrap(idx_.unique_value(std::string(f_.text(n))));
      else break;
    }
    return is(n, "composite_literal") ? n : TSNode{};
  }

  TSNode keyed(TSNode lit, std::string_view key) {
    for (TSNode e : named_children(field(lit, "body"))) {
      if (!is(e, "keyed_element")) continue;
      auto kv = named_children(e);
      if (kv.size() < 2) continue;
      if (f_.text(kv[0]) == key) {
        auto inner = named_children(kv[1]);
        return inner.empty() ? kv[1] : inner.front();
      }
    }
    return TSNode{};
  }

  TSNode handler_function(TSNode n) {
    n = unwrap(n);
    if (is(n, "func_literal")) return n;
    std::string name;
    if (is(n, "identifier")) name = std::string(f_.text(n));
    else if (is(n, "selector_expression")) name = std::string(f_.text(field(n, "field")));
    else if (is(n, "call_expression")) {  // middleware(handler)
      auto args = named_children(field(n, "arguments"));
      return args.empty() ? TSNode{} : handler_function(args.back());
    }
    if (name.empty()) return TSNode{};
    auto fns = idx_.resolve_function(name, 1);
    if (fns.empty()) {
      pending_name_ = name;
      return TSNode{};
    }
    return fns.front();
  }

  void attach(int t, TSNode handler_expr, ArgumentStyle style, int argument_parameter) {
    TSNode fn = handler_function(handler_expr);
    if (!is_null(fn)) {
      b_.set_handler(t, fn, style, {argument_parameter});
    } else {
      b_.tool(t).handler_name = pending_name_;
      b_.tool(t).style = style;
      b_.tool(t).argument_parameters = {argument_parameter};
    }
    pending_name_.clear();
  }

  // s.AddTool(mcp.NewTool("name", options...), handler)
  void mark3labs_tool(TSNode tool_expr, TSNode handler) {
    TSNode call = unwrap(tool_expr);
    if (is(call, "identifier")) call = unwrap(idx_.unique_value(std::string(f_.text(call))));
    if (!is(call, "call_expression") || callee_name(call) != "NewTool") return;
    auto args = named_children(field(call, "arguments"));
    if (args.empty()) return;
    int t = b_.add_tool(args[0]);
    if (t < 0) return;
    for (size_t i = 1; i < args.size(); ++i) {
      TSNode opt = unwrap(args[i]);
      if (!is(opt, "call_expression")) continue;
      std::string_view option = callee_name(opt);
      auto oargs = named_children(field(opt, "arguments"));
      if (option == "WithDescription" && !oargs.empty()) {
        b_.set_text(t, "description", oargs[0]);
      } else if (option == "WithTitleAnnotation" && !oargs.empty()) {
        b_.set_text(t, "title", oargs[0]);
      } else if (option.starts_with("With") && !oargs.empty()) {
        std::string type = type_of_option(option);
        if (type.empty()) continue;
        StaticString pname = evaluate_string(idx_, oargs[0]);
        if (!pname.constant) continue;
        json schema = json::object();
        schema["type"] = type;
        TSNode description{};
        bool required = false;
        for (size_t j = 1; j < oargs.size(); ++j) {
          TSNode popt = unwrap(oargs[j]);
          if (!is(popt, "call_expression")) continue;
          std::string_view pn = callee_name(popt);
          auto pargs = named_children(field(popt, "arguments"));
          if (pn == "Description" && !pargs.empty()) description = pargs[0];
          else if (pn == "Required") required = true;
        }
        b_.add_parameter(t, pname.text, std::move(schema), description, required, oargs[0]);
      }
    }
    attach(t, handler, ArgumentStyle::request_parameter, 1);
  }

  static std::string type_of_option(std::string_view option) {
    if (option == "WithString") return "string";
    if (option == "WithNumber") return "number";
    if (option == "WithInteger") return "integer";
    if (option == "WithBoolean") return "boolean";
    if (option == "WithArray") return "array";
    if (option == "WithObject") return "object";
    return {};
  }

  // mcp.AddTool(server, &mcp.Tool{Name: ..., Description: ...}, handler)
  void official_tool(TSNode tool_expr, TSNode handler) {
    TSNode lit = composite(tool_expr);
    if (is_null(lit)) return;
    TSNode name = keyed(lit, "Name");
    if (is_null(name)) return;
    int t = b_.add_tool(name);
    if (t < 0) return;
    TSNode title = keyed(lit, "Title");
    if (!is_null(title)) b_.set_text(t, "title", title);
    TSNode desc = keyed(lit, "Description");
    if (!is_null(desc)) b_.set_text(t, "description", desc);
    attach(t, handler, ArgumentStyle::whole_parameter, 2);
    TSNode fn = b_.tool(t).handler;
    if (!is_null(fn)) struct_parameters(t, fn);
  }

  // The typed arguments struct (third parameter) -> properties from json/jsonschema tags.
  void struct_parameters(int t, TSNode fn) {
    auto params = named_children(field(fn, "parameters"));
    if (params.size() < 3) return;
    TSNode type = field(params[2], "type");
    if (is(type, "pointer_type")) {
      auto kids = named_children(type);
      type = kids.empty() ? type : kids.front();
    }
    auto it = idx_.struct_types.find(std::string(f_.text(type)));
    if (it == idx_.struct_types.end()) return;
    for (TSNode decl : named_children(named_children(it->second).empty() ? TSNode{} : named_children(it->second).front())) {
      if (!is(decl, "field_declaration")) continue;
      TSNode fname = field(decl, "name");
      TSNode tag = field(decl, "tag");
      std::string name(f_.text(fname));
      std::string tag_text;
      if (!is_null(tag)) literal_string(f_, tag, tag_text);
      bool required = true;
      std::string json_name = tag_value(tag_text, "json");
      if (json_name == "-") continue;
      if (!json_name.empty()) {
        size_t comma = json_name.find(',');
        if (comma != std::string::npos) {
          required = json_name.find("omitempty", comma) == std::string::npos;
          json_name = json_name.substr(0, comma);
        }
        if (!json_name.empty()) name = json_name;
      }
      json schema = json::object();
      std::string_view go_type = f_.text(field(decl, "type"));
      if (go_type == "string") schema["type"] = "string";
      else if (go_type.starts_with("int") || go_type.starts_with("uint")) schema["type"] = "integer";
      else if (go_type.starts_with("float")) schema["type"] = "number";
      else if (go_type == "bool") schema["type"] = "boolean";
      else if (go_type.starts_with("[]")) schema["type"] = "array";
      std::string description = tag_value(tag_text, "jsonschema");
      if (description.starts_with("description=")) description = description.substr(12);
      b_.add_parameter(t, name, std::move(schema), TSNode{}, required, fname);
      if (!description.empty()) {
        b_.declared(t).input_schema["properties"][name]["description"] = description;
        b_.locate(t, "/inputSchema/properties/" + name + "/description", tag);
      }
    }
  }

  // The value of `key:"..."` in a Go struct tag.
  static std::string tag_value(const std::string& tag, const std::string& key) {
    std::string needle = key + ":\"";
    size_t pos = 0;
    while ((pos = tag.find(needle, pos)) != std::string::npos) {
      if (pos == 0 || tag[pos - 1] == ' ') {
        size_t start = pos + needle.size();
        size_t end = start;
        while (end < tag.size() && tag[end] != '"') end += tag[end] == '\\' ? 2 : 1;
        return tag.substr(start, end - start);
      }
      pos += needle.size();
    }
    return {};
  }

  const FileIndex& idx_;
  const ParsedFile& f_;
  ServerBuilder& b_;
  ExtractedServer& out_;
  bool found_name_ = false;
  std::string pending_name_;
};

}  // namespace

void extract_go(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out) {
  GoExtractor(index, builder, out).run();
}

}  // namespace assay::code
