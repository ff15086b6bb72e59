// Tool declarations in JavaScript/TypeScript servers built on the official SDK.
#include "scanner/code/extract/extract_javascript.h"

#include "scanner/code/extract/string_eval.h"
#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;
using nlohmann::json;

namespace {

class JsExtractor {
 public:
  JsExtractor(const FileIndex& idx, ServerBuilder& b, ExtractedServer& out)
      : idx_(idx), f_(*idx.file), b_(b), out_(out) {}

  void run() {
    find_server_name();
    std::vector<TSNode> calls;
    walk(f_.root(), [&](TSNode n) {
      if (is(n, "call_expression")) {
        TSNode fn = field(n, "function");
        if (is(fn, "member_expression")) {
          std::string_view m = f_.text(field(fn, "property"));
          if (m == "tool" || m == "registerTool" || m == "setRequestHandler" || m == "addTool") calls.push_back(n);
        }
      }
      return true;
    });
    for (TSNode call : calls) {
      std::string_view m = f_.text(field(field(call, "function"), "property"));
      auto args = named_children(field(call, "arguments"));
      if (m == "tool") tool_call(args);
      else if (m == "registerTool") register_tool(args);
      else if (m == "addTool") add_tool_object(args);
      else request_handler(args);
    }
    if (!is_null(call_handler_)) {
      for (int i : listed_tools_) {
        if (!is_null(b_.tool(i).handler)) continue;
        b_.set_handler(i, call_handler_, ArgumentStyle::request_parameter, {0});
        b_.tool(i).dispatch_branch = dispatch_branch(call_handler_, b_.tool(i).name);
      }
      if (listed_tools_.empty()) {
        // Tools listed from other modules: the CallTool handler is still where every tool's
        // arguments arrive, so it is analysed under no particular tool name.
        ExtractedTool dispatcher;
        dispatcher.handler = call_handler_;
        dispatcher.handler_file = f_.file().path;
        dispatcher.style = ArgumentStyle::request_parameter;
        dispatcher.argument_parameters = {0};
        out_.tools.push_back(std::move(dispatcher));
      }
    }
  }

 private:
  void find_server_name() {
    walk(f_.root(), [&](TSNode n) {
      if (!out_.inventory.server.name.empty()) return false;
      if (is(n, "new_expression")) {
        std::string_view ctor = f_.text(field(n, "constructor"));
        auto args = named_children(field(n, "arguments"));
        TSNode first = args.empty() ? TSNode{} : object_of(args[0]);
        // new McpServer({ name, version }); in a minified bundle the class is renamed, so any
        // constructor given { name, version } as its first argument.
        bool implementation = !is_null(member(first, "name")) && !is_null(member(first, "version"));
        if (ctor.ends_with("McpServer") || ctor.ends_with("Server") || implementation) {
          if (!args.empty()) {
            TSNode obj = first;
            TSNode name = member(obj, "name");
            if (!is_null(name)) {
              StaticString s = evaluate_string(idx_, name);
              if (s.constant) out_.inventory.server.name = s.text;
            }
          }
        }
      }
      return true;
    });
  }

  // An object literal, directly or through a constant bound in this file.
  TSNode object_of(TSNode n) {
    n = unwrap(n);
    for (int i = 0; i < 4 && is(n, "identifier"); ++i) n = unwrap(idx_.unique_value(std::string(f_.text(n))));
    return is(n, "object") ? n : TSNode{};
  }

  TSNode member(TSNode obj, std::string_view key) {
    for (TSNode pair : named_children(obj)) {
      if (is(pair, "shorthand_property_identifier") && f_.text(pair) == key) return pair;
      if (!is(pair, "pair")) continue;
      TSNode k = field(pair, "key");
      std::string text;
      if (is(k, "property_identifier")) text = std::string(f_.text(k));
      else literal_string(f_, k, text);
      if (text == key) return field(pair, "value");
    }
    return TSNode{};
  }

  // `E.description` where E is an object literal: the member's value.
  TSNode resolve_member(TSNode n) {
    n = unwrap(n);
    if (is(n, "member_expression")) {
      TSNode obj = object_of(field(n, "object"));
      if (!is_null(obj)) {
        TSNode v = member(obj, f_.text(field(n, "property")));
        if (!is_null(v)) return unwrap(v);
      }
    }
    if (is(n, "identifier")) {
      TSNode v = unwrap(idx_.unique_value(std::string(f_.text(n))));
      if (!is_null(v) && (is(v, "object") || is(v, "call_expression"))) return v;
    }
    return n;
  }

  TSNode handler_function(TSNode n) {
    n = unwrap(n);
    if (is_function(n)) return n;
    if (is(n, "identifier")) {
      auto fns = idx_.resolve_function(std::string(f_.text(n)), 1);
      if (!fns.empty()) return fns.front();
      pending_handler_name_ = std::string(f_.text(n));
      return TSNode{};
    }
    if (is(n, "member_expression")) {
      TSNode v = resolve_member(n);
      if (is_function(v)) return v;
      auto fns = idx_.resolve_function(std::string(f_.text(field(n, "property"))), 1);
      if (!fns.empty()) return fns.front();
    }
    if (is(n, "call_expression")) {  // handler.bind(this), wrap(handler)
      auto args = named_children(field(n, "arguments"));
      TSNode fn = field(n, "function");
      if (is(fn, "member_expression") && f_.text(field(fn, "property")) == "bind")
        return handler_function(field(fn, "object"));
      if (!args.empty()) return handler_function(args.front());
    }
    return TSNode{};
  }

  bool is_stringish(TSNode n) {
    StaticString s = evaluate_string(idx_, resolve_member(n));
    return s.constant || s.resolved || is(unwrap(n), "template_string") || is(unwrap(n), "binary_expression");
  }

  // server.tool(name, description?, paramsSchema?, annotations?, handler)
  void tool_call(const std::vector<TSNode>& args) {
    if (args.size() < 2) return;
    TSNode last = args.back();
    TSNode handler = handler_function(last);
    int t = b_.add_tool(resolve_member(args[0]));
    if (t < 0) return;
    size_t i = 1;
    if (i + 1 < args.size() && is_stringish(args[i])) {
      b_.set_text(t, "description", resolve_member(args[i]));
      ++i;
    }
    if (i + 1 < args.size()) {
      TSNode shape = object_of(resolve_member(args[i]));
      if (!is_null(shape)) zod_shape(t, shape);
    }
    finish_handler(t, handler, ArgumentStyle::whole_parameter);
  }

  // server.registerTool(name, { title, description, inputSchema, ... }, handler)
  void register_tool(const std::vector<TSNode>& args) {
    if (args.size() < 2) return;
    int t = b_.add_tool(resolve_member(args[0]));
    if (t < 0) return;
    TSNode config = object_of(args[1]);
    if (!is_null(config)) {
      TSNode title = member(config, "title");
      if (!is_null(title)) b_.set_text(t, "title", title);
      TSNode desc = member(config, "description");
      if (!is_null(desc)) b_.set_text(t, "description", desc);
      TSNode schema = member(config, "inputSchema");
      if (!is_null(schema)) schema_from(t, schema);
    }
    if (args.size() >= 3) finish_handler(t, handler_function(args.back()), ArgumentStyle::whole_parameter);
  }

  // FastMCP for TypeScript (punkpeye/fastmcp): server.addTool({ name, description, parameters,
  // execute: async (args, context) => ... }).
  void add_tool_object(const std::vector<TSNode>& args) {
    if (args.empty()) return;
    TSNode obj = object_of(args[0]);
    if (is_null(obj)) return;
    TSNode name = member(obj, "name");
    TSNode execute = member(obj, "execute");
    if (is_null(name) || is_null(execute)) return;
    int t = b_.add_tool(name);
    if (t < 0) return;
    TSNode desc = member(obj, "description");
    if (!is_null(desc)) b_.set_text(t, "description", desc);
    TSNode params = member(obj, "parameters");
    if (!is_null(params)) schema_from(t, params);
    finish_handler(t, handler_function(execute), ArgumentStyle::whole_parameter);
  }

  void finish_handler(int t, TSNode handler, ArgumentStyle style) {
    if (!is_null(handler)) {
      b_.set_handler(t, handler, style, {0});
    } else {
      b_.tool(t).handler_name = pending_handler_name_;
      b_.tool(t).style = style;
      b_.tool(t).argument_parameters = {0};
    }
    pending_handler_name_.clear();
  }

  void request_handler(const std::vector<TSNode>& args) {
    if (args.size() < 2) return;
    std::string_view schema = f_.text(args[0]);
    TSNode fn = handler_function(args[1]);
    if (schema.ends_with("ListToolsRequestSchema")) {
      if (!is_null(fn)) list_tools(fn);
    } else if (schema.ends_with("CallToolRequestSchema")) {
      call_handler_ = fn;
    }
  }

  // Tool literals reachable from a ListTools handler: in its body, or in constants it names.
  void list_tools(TSNode fn) {
    std::vector<TSNode> scopes{fn};
    walk(function_body(fn), [&](TSNode n) {
      if (is(n, "identifier")) {
        TSNode v = unwrap(idx_.unique_value(std::string(f_.text(n))));
        if (!is_null(v) && (is(v, "array") || is(v, "object"))) scopes.push_back(v);
      }
      return true;
    });
    std::vector<TSNode> literals;
    for (size_t s = 0; s < scopes.size() && s < 64; ++s) {
      walk(scopes[s], [&](TSNode n) {
        if (is(n, "object") && !is_null(member(n, "name")) &&
            (!is_null(member(n, "description")) || !is_null(member(n, "inputSchema")))) {
          literals.push_back(n);
          return false;
        }
        if (s > 0 && is(n, "identifier") && scopes.size() < 64) {
          // An array of named tool constants: [READ_TOOL, WRITE_TOOL].
          TSNode v = unwrap(idx_.unique_value(std::string(f_.text(n))));
          if (is(v, "object")) scopes.push_back(v);
        }
        return true;
      });
    }
    for (TSNode lit : literals) {
      bool seen = false;
      for (TSNode done : tool_literals_) seen = seen || same(done, lit);
      if (seen) continue;
      tool_literals_.push_back(lit);
      int t = b_.add_tool(member(lit, "name"));
      if (t < 0) continue;
      TSNode title = member(lit, "title");
      if (!is_null(title)) b_.set_text(t, "title", title);
      TSNode desc = member(lit, "description");
      if (!is_null(desc)) b_.set_text(t, "description", desc);
      TSNode schema = member(lit, "inputSchema");
      if (!is_null(schema)) schema_from(t, schema);
      listed_tools_.push_back(t);
    }
  }

  // inputSchema: a JSON-schema literal, a zod raw shape, z.object(...), zodToJsonSchema(X).
  void schema_from(int t, TSNode expr) {
    expr = unwrap(expr);
    for (int guard = 0; guard < 6; ++guard) {
      if (is(expr, "identifier")) {
        TSNode v = unwrap(idx_.unique_value(std::string(f_.text(expr))));
        if (is_null(v)) return;
        expr = v;
        continue;
      }
      if (is(expr, "call_expression")) {
        TSNode fn = field(expr, "function");
        auto args = named_children(field(expr, "arguments"));
        std::string_view name = is(fn, "member_expression") ? f_.text(field(fn, "property")) : f_.text(fn);
        if (name == "object" || name == "strictObject" || name == "looseObject") {
          if (!args.empty()) zod_shape(t, object_of(args[0]));
          return;
        }
        if (!args.empty() && (name.find("JsonSchema") != std::string_view::npos || name == "toJSONSchema")) {
          expr = unwrap(args[0]);
          continue;
        }
        if (is(fn, "member_expression")) {  // z.object({...}).strict(), .describe(...)
          expr = unwrap(field(fn, "object"));
          continue;
        }
        return;
      }
      break;
    }
    if (!is(expr, "object")) return;
    if (!is_null(member(expr, "type")) || !is_null(member(expr, "properties"))) {
      b_.set_input_schema_literal(t, expr);
    } else {
      zod_shape(t, expr);
    }
  }

  void zod_shape(int t, TSNode shape) {
    for (TSNode pair : named_children(shape)) {
      if (!is(pair, "pair")) continue;
      TSNode k = field(pair, "key");
      std::string key;
      if (is(k, "property_identifier")) key = std::string(f_.text(k));
      else if (!literal_string(f_, k, key)) continue;
      TSNode description{};
      bool optional = false;
      json schema = zod_type(field(pair, "value"), description, optional, 0);
      b_.add_parameter(t, key, std::move(schema), description, !optional, k);
    }
  }

  // A zod chain to a JSON schema: z.string().url().describe("...").optional().
  json zod_type(TSNode n, TSNode& description, bool& optional, int depth) {
    n = unwrap(n);
    if (depth > 8) return json::object();
    if (is(n, "identifier")) {
      TSNode v = idx_.unique_value(std::string(f_.text(n)));
      if (!is_null(v)) return zod_type(v, description, optional, depth + 1);
      return json::object();
    }
    json schema = json::object();
    for (int guard = 0; guard < 64 && is(n, "call_expression"); ++guard) {
      TSNode fn = field(n, "function");
      auto args = named_children(field(n, "arguments"));
      if (!is(fn, "member_expression")) break;
      std::string_view m = f_.text(field(fn, "property"));
      if (m == "describe" && !args.empty() && is_null(description)) description = args[0];
      else if (m == "optional" || m == "default" || m == "nullish") optional = true;
      else if (m == "string" || m == "number" || m == "boolean" || m == "array" || m == "object" ||
               m == "enum" || m == "int" || m == "bigint" || m == "literal" || m == "any" || m == "union") {
        if (!schema.contains("type")) {
          if (m == "int" || m == "bigint") schema["type"] = "integer";
          else if (m == "enum") {
            schema["type"] = "string";
            std::map<std::string, TSNode> ignored;
            if (!args.empty()) schema["enum"] = b_.literal_to_json(args[0], "", ignored);
          } else if (m != "literal" && m != "any" && m != "union") {
            schema["type"] = std::string(m);
          }
        }
      }
      n = unwrap(field(fn, "object"));
    }
    return schema;
  }

  // The `case "name":` (or `if (name === "name")`) block of a CallTool dispatcher.
  TSNode dispatch_branch(TSNode handler, const std::string& tool) {
    TSNode found{};
    walk(function_body(handler), [&](TSNode n) {
      if (!is_null(found)) return false;
      if (is(n, "switch_case")) {
        std::string v;
        if (literal_string(f_, field(n, "value"), v) && v == tool) found = n;
      } else if (is(n, "if_statement")) {
        bool match = false;
        walk(field(n, "condition"), [&](TSNode c) {
          std::string v;
          if ((is(c, "string")) && literal_string(f_, c, v) && v == tool) match = true;
          return !match;
        });
        if (match) found = field(n, "consequence");
      }
      return true;
    });
    return found;
  }

  const FileIndex& idx_;
  const ParsedFile& f_;
  ServerBuilder& b_;
  ExtractedServer& out_;
  TSNode call_handler_{};
  std::vector<int> listed_tools_;
  std::vector<TSNode> tool_literals_;
  std::string pending_handler_name_;
};

}  // namespace

void extract_javascript(const FileIndex& index, ServerBuilder& builder, ExtractedServer& out) {
  JsExtractor(index, builder, out).run();
}

}  // namespace assay::code
