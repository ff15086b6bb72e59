// The taint engine: values from tool arguments (or remote content) through one function and
// the same-file functions it calls, bounded, to the sinks of one dataflow rule.
#include "scanner/code/taint/taint_engine.h"

#include <algorithm>
#include <functional>

#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;

namespace {

using Range = std::pair<uint32_t, uint32_t>;
Range range_of(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

struct SinkSite {
  TSNode sink{};
  TSNode finding{};
  const DataflowPattern* pattern = nullptr;
  std::string callee;
};

// Whether a constant prefix fixes the scheme and host of a URL built from it: "https://h/x/"
// does, "https://" and "http://" + host do not; a prefix without a scheme is a path or a base
// URL kept in a variable (the caller's configuration), so it does too.
bool prefix_fixes_host(const std::string& literal_prefix, bool had_expression) {
  if (had_expression) return true;
  if (literal_prefix.empty()) return false;
  size_t scheme = literal_prefix.find("://");
  if (scheme == std::string::npos) return literal_prefix.front() == '/' || literal_prefix.find('/') != std::string::npos;
  size_t slash = literal_prefix.find('/', scheme + 3);
  return slash != std::string::npos && slash > scheme + 3;
}

// Rule options come from YAML as written: `true` may arrive as a boolean or as the text "true".
bool json_flag(const nlohmann::json& options, const char* key) {
  auto it = options.find(key);
  if (it == options.end()) return false;
  if (it->is_boolean()) return it->get<bool>();
  return it->is_string() && (*it == "true" || *it == "yes");
}

std::vector<std::string> json_strings(const nlohmann::json& options, const char* key) {
  std::vector<std::string> out;
  auto it = options.find(key);
  if (it == options.end()) return out;
  if (it->is_string()) out.push_back(it->get<std::string>());
  if (it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

struct TaintEngine::Impl {
  const CodeRule& rule;
  const ParsedFile& file;
  std::unique_ptr<FileFacts> own_facts;  // when the caller shares none
  const FileFacts& facts;
  const FileIndex& index;
  const CalleeNames& names;
  EngineLimits limits;
  std::vector<SinkHit>* hits = nullptr;

  std::map<Range, std::vector<SinkSite>> sinks;
  std::set<Range> sanitizers;
  std::vector<TSNode> guard_checks;
  bool remote = false;
  std::vector<std::string> source_callees;
  std::set<std::string> ignored_members;  // remote-content: response.status is not content

  struct Summary {
    Taint returns;
    bool done = false;
  };
  std::map<std::string, Summary> memo;
  int analyses = 0;
  std::set<std::pair<Range, const DataflowPattern*>> reported;

  struct Frame {
    std::map<std::string, Taint> env;
    std::string tool;
    int depth = 0;
    Taint returns;
    TSNode site{};  // the node in the tool handler that led here
  };

  // Each pattern's matches: shared from the file's facts, else from its own query.
  void for_each_match(const DataflowPattern& p, const std::function<void(const QueryMatch&)>& on_match) {
    if (const auto* found = facts.matches(p)) {
      for (const auto& m : *found) on_match(m);
      return;
    }
    if (const CompiledQuery* q = p.query.for_language(file.file().language)) q->for_each_match(file, on_match);
  }

  Impl(const CodeRule& r, const ParsedFile& f, const FileFacts* shared, EngineLimits l)
      : rule(r),
        file(f),
        own_facts(shared ? nullptr : std::make_unique<FileFacts>(f, nullptr)),
        facts(shared ? *shared : *own_facts),
        index(facts.index()),
        names(facts.names()),
        limits(l) {
    const DataflowSpec& spec = *rule.dataflow;
    remote = spec.sources == "remote-content";
    source_callees = json_strings(spec.options, "source_callees");
    for (const auto& m : json_strings(spec.options, "ignore_members")) ignored_members.insert(m);
    Language lang = file.file().language;
    for (const auto& p : spec.sinks) {
      if (!p.query.for_language(lang)) continue;
      std::vector<std::string> callees = json_strings(p.options, "callees");
      for_each_match(p, [&](const QueryMatch& m) {
        TSNode sink = m.capture("sink");
        if (is_null(sink)) return;
        SinkSite site;
        site.sink = sink;
        site.finding = m.capture("finding");
        if (is_null(site.finding)) site.finding = sink;
        site.pattern = &p;
        TSNode callee = m.capture("callee");
        if (!is_null(callee)) site.callee = names.resolve(callee);
        if (!callees.empty()) {
          bool ok = false;
          for (const auto& c : callees) ok = ok || callee_matches(c, site.callee);
          if (!ok) return;
        }
        sinks[range_of(sink)].push_back(site);
      });
    }
    for (const auto& p : spec.sanitizers) {
      if (!p.query.for_language(lang)) continue;
      bool guard = json_flag(p.options, "guard");
      for_each_match(p, [&](const QueryMatch& m) {
        TSNode s = m.capture("sanitizer");
        if (is_null(s)) return;
        if (guard) guard_checks.push_back(s);
        else sanitizers.insert(range_of(s));
      });
    }
  }

  // ---- values -------------------------------------------------------------------------------

  static Taint merge(const Taint& a, const Taint& b) {
    if (!a.on) return b;
    if (!b.on) return a;
    Taint t = a;
    t.fixed_prefix = a.fixed_prefix && b.fixed_prefix;
    t.built = a.built || b.built;
    for (const auto& f : b.from) t.from.push_back(f);
    return t;
  }

  Taint select_member(const Taint& t, const std::string& member) {
    if (!t.on) return t;
    if (remote && ignored_members.count(member)) return Taint{};
    Taint out = t;
    if (!t.path.empty()) {
      if (t.path.front() != member) return Taint{};
      out.path.erase(out.path.begin());
      if (out.path.empty()) out.label = "arguments";
      return out;
    }
    if (t.label == "arguments" || t.label.empty()) out.label = member;
    return out;
  }

  std::string member_name(TSNode n) {
    TSNode p = field(n, is(n, "member_expression") ? "property" : (is(n, "attribute") ? "attribute" : "field"));
    return std::string(file.text(p));
  }

  std::string key_text(TSNode key) {
    std::string s;
    if (literal_string(file, key, s)) return s;
    return std::string(file.text(key));
  }

  Taint eval(Frame& fr, TSNode n, int depth = 0) {
    n = unwrap(n);
    if (is_null(n) || depth > 48) return {};
    if (sanitizers.count(range_of(n))) return {};
    std::string_view k = kind(n);
    if (k == "identifier" || k == "shorthand_property_identifier") {
      auto it = fr.env.find(std::string(file.text(n)));
      if (it == fr.env.end()) return {};
      Taint t = it->second;
      if (t.on) t.from.push_back(std::string(file.text(n)));
      return t;
    }
    if (k == "member_expression" || k == "attribute" || k == "selector_expression") {
      TSNode obj = field(n, k == "selector_expression" ? "operand" : "object");
      return select_member(eval(fr, obj, depth + 1), member_name(n));
    }
    if (k == "subscript_expression" || k == "subscript" || k == "index_expression") {
      TSNode obj = field(n, k == "subscript_expression" ? "object" : (k == "subscript" ? "value" : "operand"));
      TSNode key = field(n, k == "subscript_expression" ? "index" : (k == "subscript" ? "subscript" : "index"));
      Taint t = eval(fr, obj, depth + 1);
      if (!t.on) return t;
      std::string s;
      if (literal_string(file, key, s)) return select_member(t, s);
      return t.path.empty() ? t : Taint{};
    }
    if (k == "type_assertion_expression" || k == "unary_expression" || k == "spread_element" ||
        k == "list_splat" || k == "not_operator") {
      TSNode inner = field(n, "operand");
      if (is_null(inner)) inner = field(n, "argument");
      if (is_null(inner)) {
        auto kids = named_children(n);
        if (!kids.empty()) inner = kids.front();
      }
      if (k == "not_operator" || (k == "unary_expression" && file.text(n).starts_with("!"))) return {};
      return eval(fr, inner, depth + 1);
    }
    if (k == "call_expression" || k == "call" || k == "new_expression") return eval_call(fr, n, depth);
    if (k == "template_string" || k == "string" || k == "interpreted_string_literal") return eval_parts(fr, n, depth);
    if (k == "binary_expression" || k == "binary_operator") {
      TSNode left = field(n, "left"), right = field(n, "right");
      std::string op(file.text(field(n, "operator")));
      if (op == "==" || op == "===" || op == "!=" || op == "!==" || op == "<" || op == ">" || op == "<=" ||
          op == ">=" || op == "&&" || op == "instanceof" || op == "in")
        return {};
      Taint a = eval(fr, left, depth + 1), b = eval(fr, right, depth + 1);
      if (op == "%" && file.file().language == Language::python) {
        // "fmt %s" % value: the format string's text before the first hole fixes the host.
        if (!b.on) return a;
        std::string prefix;
        literal_string(file, left, prefix);
        prefix = prefix.substr(0, prefix.find('%'));
        b.fixed_prefix = prefix_fixes_host(prefix, false);
        b.built = true;
        return b;
      }
      if (!a.on && b.on) {
        std::string prefix;
        bool literal = literal_string(file, left, prefix);
        b.fixed_prefix = prefix_fixes_host(prefix, !literal);
        b.built = true;
        return b;
      }
      Taint m = merge(a, b);
      if (m.on && b.on) m.built = true;
      return m;
    }
    if (k == "ternary_expression" || k == "conditional_expression") {
      auto kids = named_children(n);
      Taint t;
      for (size_t i = 1; i < kids.size(); ++i) t = merge(t, eval(fr, kids[i], depth + 1));
      if (k == "conditional_expression" && !kids.empty()) t = merge(eval(fr, kids[0], depth + 1), t);
      return t;
    }
    if (k == "boolean_operator" || k == "augmented_assignment_expression") {
      return merge(eval(fr, field(n, "left"), depth + 1), eval(fr, field(n, "right"), depth + 1));
    }
    if (k == "array" || k == "list" || k == "tuple" || k == "object" || k == "dictionary" || k == "pair" ||
        k == "composite_literal" || k == "literal_value" || k == "literal_element" || k == "keyed_element" ||
        k == "expression_list" || k == "arguments" || k == "argument_list" || k == "set" ||
        k == "concatenated_string" || k == "keyword_argument" || k == "list_comprehension" ||
        k == "generator_expression") {
      Taint t;
      for (TSNode c : named_children(n)) {
        if (is(c, "property_identifier")) continue;
        t = merge(t, eval(fr, c, depth + 1));
      }
      return t;
    }
    return {};
  }

  // Template literals, f-strings: tainted if a hole is; the text before the first tainted hole
  // decides whether a URL's host is fixed.
  Taint eval_parts(Frame& fr, TSNode n, int depth) {
    Taint out;
    std::string prefix;
    bool had_expression = false;
    uint32_t count = ts_node_child_count(n);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode c = ts_node_child(n, i);
      std::string_view ck = kind(c);
      if (ck == "string_fragment" || ck == "string_content") {
        if (!out.on) prefix += file.text(c);
      } else if (ck == "template_substitution" || ck == "interpolation") {
        TSNode inner = ck == "interpolation" ? field(c, "expression") : TSNode{};
        if (is_null(inner)) {
          auto kids = named_children(c);
          if (!kids.empty()) inner = kids.front();
        }
        Taint t = eval(fr, inner, depth + 1);
        if (t.on && !out.on) {
          out = t;
          out.fixed_prefix = prefix_fixes_host(prefix, had_expression);
        } else if (t.on) {
          out = merge(out, t);
          out.fixed_prefix = out.fixed_prefix;
        } else {
          had_expression = true;
        }
      }
    }
    if (out.on) out.built = true;
    return out;
  }

  std::string callee_member(TSNode fn) {
    fn = unwrap(fn);
    if (is(fn, "member_expression") || is(fn, "attribute") || is(fn, "selector_expression")) return member_name(fn);
    if (is(fn, "identifier")) return std::string(file.text(fn));
    return {};
  }

  TSNode receiver_of(TSNode fn) {
    fn = unwrap(fn);
    if (is(fn, "member_expression") || is(fn, "attribute")) return field(fn, "object");
    if (is(fn, "selector_expression")) return field(fn, "operand");
    return TSNode{};
  }

  Taint eval_call(Frame& fr, TSNode n, int depth) {
    TSNode fn = field(n, is(n, "new_expression") ? "constructor" : "function");
    TSNode args_node = field(n, "arguments");
    std::vector<TSNode> args = named_children(args_node);
    std::string resolved = names.resolve(fn);

    if (remote) {
      for (const auto& c : source_callees)
        if (callee_matches(c, resolved)) {
          Taint t;
          t.on = true;
          t.label = resolved;
          return t;
        }
    }
    std::string member = callee_member(fn);
    TSNode receiver = receiver_of(fn);
    Taint recv = is_null(receiver) ? Taint{} : eval(fr, receiver, depth + 1);
    if (recv.on && recv.getters && !recv.path.empty()) {
      // mcp-go: request.RequireString("x"), request.GetArguments(), request.BindArguments(&v)
      if (member.starts_with("Require") || member.starts_with("Get") || member.starts_with("Must")) {
        Taint t;
        t.on = true;
        t.label = "arguments";
        std::string key;
        if (!args.empty() && literal_string(file, args[0], key)) t.label = key;
        return t;
      }
      return {};
    }
    if (recv.on && recv.path.empty()) {
      // Callbacks of a tainted collection (items.map(item => ...)) receive its elements.
      for (TSNode a : args) {
        a = unwrap(a);
        if (!is(a, "arrow_function") && !is(a, "function_expression") && !is(a, "lambda")) continue;
        TSNode params = function_parameters(a);
        if (is(params, "identifier")) {
          bind(fr, params, recv);
        } else {
          auto first = named_children(params);
          if (!first.empty()) bind(fr, is(first[0], "required_parameter") ? field(first[0], "pattern") : first[0], recv);
        }
      }
      // A method of a tainted value (string methods, dict.get("x")) keeps it tainted.
      Taint t = recv;
      if (member == "join" || member == "format" || member == "concat" || member == "replace") t.built = true;
      std::string key;
      if ((member == "get" || member == "Get") && !args.empty() && literal_string(file, args[0], key))
        t = select_member(recv, key);
      return t;
    }

    // Functions defined in this file: follow them (bounded), their return carries taint.
    std::vector<TSNode> targets = same_file_targets(fn);
    std::vector<Taint> arg_taints;
    bool any = false;
    for (TSNode a : args) {
      if (is(a, "keyword_argument")) a = field(a, "value");
      arg_taints.push_back(eval(fr, a, depth + 1));
      any = any || arg_taints.back().on;
    }
    if (!targets.empty()) {
      Taint out;
      if (!any) return out;
      for (TSNode target : targets) out = merge(out, call_function(fr, n, target, arg_taints));
      return out;
    }
    // Anything else passes taint from its arguments to its result (path.join, Buffer.from,
    // String(x), new URL(x), fmt.Sprintf): the rule's sanitizers are the exceptions.
    Taint out;
    for (size_t i = 0; i < arg_taints.size(); ++i) {
      if (!arg_taints[i].on) continue;
      Taint t = arg_taints[i];
      if (!out.on) {
        out = t;
        if ((member == "Sprintf" || member == "format") && i > 0) {
          std::string fmt;
          literal_string(file, args[0], fmt);
          fmt = fmt.substr(0, fmt.find_first_of("%{"));
          out.fixed_prefix = prefix_fixes_host(fmt, false);
          out.built = true;
        }
      } else {
        out = merge(out, t);
      }
    }
    if (member == "format" && !is_null(receiver) && out.on) {
      std::string fmt;
      if (literal_string(file, receiver, fmt)) out.fixed_prefix = prefix_fixes_host(fmt.substr(0, fmt.find('{')), false);
      out.built = true;
    }
    return out;
  }

  std::vector<TSNode> same_file_targets(TSNode fn) {
    std::string name = callee_member(fn);
    if (name.empty()) return {};
    fn = unwrap(fn);
    // A call through an imported module (child_process.exec) is not ours to follow.
    if (!is(fn, "identifier")) {
      TSNode recv = unwrap(receiver_of(fn));
      // TOOL.handler(...) where TOOL is an object literal of this file: that member only.
      if (is(recv, "identifier")) {
        TSNode obj = unwrap(index.unique_value(std::string(file.text(recv))));
        if (is(obj, "object")) {
          for (TSNode pair : named_children(obj)) {
            if (!is(pair, "pair") || key_text(field(pair, "key")) != name) continue;
            TSNode v = unwrap(field(pair, "value"));
            if (is_function(v)) return {v};
            if (is(v, "identifier")) return index.resolve_function(std::string(file.text(v)), 4);
          }
        }
      }
      if (is(recv, "identifier") && names.is_module_binding(file.text(recv))) return {};
    }
    return index.resolve_function(name, 4);
  }

  Taint call_function(Frame& caller, TSNode call, TSNode target, const std::vector<Taint>& args) {
    if (caller.depth + 1 > limits.max_call_depth) return {};
    auto params = parameter_names(file, target);
    size_t shift = 0;
    if (!params.empty() && !params[0].empty() && (params[0][0] == "self" || params[0][0] == "cls")) shift = 1;
    std::string key = std::to_string(ts_node_start_byte(target)) + ":";
    for (size_t i = 0; i < args.size(); ++i) key += args[i].on ? (args[i].path.empty() ? "1" : "p") : "0";
    auto it = memo.find(key);
    if (it != memo.end()) return it->second.returns;  // done, or in progress (recursion): clean
    memo[key] = Summary{};
    if (++analyses > limits.max_function_analyses) return {};
    Frame fr;
    fr.tool = caller.tool;
    fr.depth = caller.depth + 1;
    fr.site = caller.depth == 0 ? call : caller.site;
    for (size_t i = 0; i < args.size() && i + shift < params.size(); ++i) {
      if (!args[i].on) continue;
      Taint t = args[i];
      t.from.clear();
      for (const auto& name : params[i + shift]) fr.env[name] = t;
    }
    run(fr, target);
    memo[key].returns = fr.returns;
    memo[key].done = true;
    return fr.returns;
  }

  // ---- statements ---------------------------------------------------------------------------

  void bind(Frame& fr, TSNode pattern, const Taint& value) {
    pattern = unwrap(pattern);
    std::string_view k = kind(pattern);
    if (k == "identifier") {
      fr.env[std::string(file.text(pattern))] = value;
      return;
    }
    if (k == "object_pattern") {
      for (TSNode p : named_children(pattern)) {
        if (is(p, "shorthand_property_identifier_pattern")) {
          fr.env[std::string(file.text(p))] = select_member(value, std::string(file.text(p)));
        } else if (is(p, "pair_pattern")) {
          bind(fr, field(p, "value"), select_member(value, key_text(field(p, "key"))));
        } else if (is(p, "object_assignment_pattern")) {
          TSNode left = field(p, "left");
          fr.env[std::string(file.text(left))] = select_member(value, std::string(file.text(left)));
        } else if (is(p, "rest_pattern")) {
          for (TSNode c : named_children(p)) bind(fr, c, value);
        }
      }
      return;
    }
    if (k == "assignment_pattern") {
      bind(fr, field(pattern, "left"), value);
      return;
    }
    if (k == "array_pattern" || k == "pattern_list" || k == "tuple_pattern" || k == "list_pattern" ||
        k == "expression_list") {
      for (TSNode c : named_children(pattern)) bind(fr, c, value);
      return;
    }
  }

  static bool exits(TSNode block) {
    bool found = false;
    walk(block, [&](TSNode n) {
      if (found) return false;
      std::string_view k = kind(n);
      if (k == "return_statement" || k == "throw_statement" || k == "raise_statement" ||
          k == "continue_statement" || k == "break_statement") found = true;
      if (n.id != block.id && is_function(n)) return false;
      return !found;
    });
    return found;
  }

  void apply_guards(Frame& fr, TSNode if_stmt) {
    TSNode cond = field(if_stmt, "condition");
    TSNode cons = field(if_stmt, "consequence");
    if (is_null(cond) || is_null(cons) || !exits(cons)) return;
    for (TSNode check : guard_checks) {
      if (!contains(cond, check)) continue;
      walk(check, [&](TSNode n) {
        if (is(n, "identifier")) {
          auto it = fr.env.find(std::string(file.text(n)));
          if (it != fr.env.end() && it->second.on) {
            for (const auto& ancestor : it->second.from) {
              auto a = fr.env.find(ancestor);
              if (a != fr.env.end()) a->second = Taint{};
            }
            it->second = Taint{};
          }
        }
        return true;
      });
    }
  }

  void check_sink(Frame& fr, const std::vector<SinkSite>& sites) {
    for (const auto& site : sites) {
      if (json_flag(site.pattern->options, "in_handler") && fr.depth != 0) continue;
      Taint t = eval(fr, site.sink);
      if (!t.on || !t.path.empty()) continue;
      if (t.fixed_prefix && json_flag(site.pattern->options, "fixed_prefix_is_safe")) continue;
      if (!t.built && json_flag(site.pattern->options, "requires_building")) continue;
      auto key = std::make_pair(range_of(site.sink), site.pattern);
      if (!reported.insert(key).second) continue;
      SinkHit h;
      h.sink = site.sink;
      h.finding = site.finding;
      h.pattern = site.pattern;
      h.source = t.label;
      h.tool = fr.tool;
      h.callee = site.callee;
      h.site = fr.depth == 0 ? site.sink : fr.site;
      hits->push_back(h);
    }
  }

  void run(Frame& fr, TSNode fn) {
    TSNode body = function_body(fn);
    if (is_null(body)) return;
    // Two passes: the second sees what a loop carried back to its top. It restarts from the
    // sources, so a guard late in the body does not clean a use before it.
    const std::map<std::string, Taint> initial = fr.env;
    for (int pass = 0; pass < 2; ++pass) {
      bool last = pass == 1;
      if (last) {
        std::map<std::string, Taint> carried = std::move(fr.env);
        fr.env = initial;
        for (auto& [name, value] : carried)
          if (value.on && !initial.count(name)) fr.env[name] = std::move(value);
        fr.returns = Taint{};
      }
      walk(body, [&](TSNode n) {
        std::string_view k = kind(n);
        if (last) {
          auto s = sinks.find(range_of(n));
          if (s != sinks.end()) check_sink(fr, s->second);
        }
        if (k == "variable_declarator") {
          TSNode value = field(n, "value");
          if (!is_null(value)) bind(fr, field(n, "name"), eval(fr, value));
        } else if (k == "assignment_expression" || k == "assignment") {
          TSNode left = field(n, "left");
          Taint v = eval(fr, field(n, "right"));
          if (is(left, "identifier") || is(left, "object_pattern") || is(left, "array_pattern") ||
              is(left, "pattern_list") || is(left, "tuple_pattern"))
            bind(fr, left, v);
        } else if (k == "augmented_assignment_expression" || k == "augmented_assignment") {
          TSNode left = field(n, "left");
          if (is(left, "identifier")) {
            Taint v = eval(fr, field(n, "right"));
            if (v.on) fr.env[std::string(file.text(left))] = merge(eval(fr, left), v);
          }
        } else if (k == "short_var_declaration" || k == "assignment_statement" || k == "var_spec") {
          auto left = k == "var_spec" ? std::vector<TSNode>{} : named_children(field(n, "left"));
          if (k == "var_spec")
            for (TSNode c : named_children(n))
              if (is(c, "identifier")) left.push_back(c);
          auto right = named_children(field(n, k == "var_spec" ? "value" : "right"));
          for (size_t i = 0; i < left.size(); ++i) {
            if (!is(left[i], "identifier")) continue;
            Taint v;
            if (right.size() == left.size()) v = eval(fr, right[i]);
            else if (i == 0 && !right.empty()) v = eval(fr, right[0]);
            fr.env[std::string(file.text(left[i]))] = v;
          }
        } else if (k == "for_in_statement" || k == "for_statement") {
          TSNode left = field(n, "left"), right = field(n, "right");
          if (!is_null(left) && !is_null(right)) bind(fr, left, eval(fr, right));
        } else if (k == "range_clause") {
          auto left = named_children(field(n, "left"));
          Taint v = eval(fr, field(n, "right"));
          for (size_t i = 0; i < left.size(); ++i)
            if (is(left[i], "identifier")) fr.env[std::string(file.text(left[i]))] = i == 0 ? Taint{} : v;
        } else if (k == "as_pattern") {
          auto kids = named_children(n);
          TSNode alias = field(n, "alias");
          if (!kids.empty() && !is_null(alias)) {
            auto inner = named_children(alias);
            bind(fr, inner.empty() ? alias : inner.front(), eval(fr, kids.front()));
          }
        } else if (k == "if_statement") {
          apply_guards(fr, n);
        } else if (k == "return_statement") {
          for (TSNode c : named_children(n)) fr.returns = merge(fr.returns, eval(fr, c));
        } else if ((k == "call_expression" || k == "call") && last) {
          // Calls whose result is unused still run their callee's sinks.
          eval(fr, n);
        }
        return true;
      });
    }
    if (is(fn, "arrow_function") && !is(body, "statement_block")) fr.returns = merge(fr.returns, eval(fr, body));
    if (is(fn, "lambda")) fr.returns = merge(fr.returns, eval(fr, body));
  }

  void start(const ExtractedTool& tool) {
    TSNode fn = tool.handler;
    auto params = parameter_names(file, fn);
    Frame fr;
    fr.tool = tool.name;
    if (!remote) {
      for (int i : tool.argument_parameters) {
        if (i < 0 || static_cast<size_t>(i) >= params.size()) continue;
        const auto& names_bound = params[static_cast<size_t>(i)];
        auto param_nodes = named_children(function_parameters(fn));
        bool destructured = static_cast<size_t>(i) < param_nodes.size() &&
                            file.text(param_nodes[static_cast<size_t>(i)]).find('{') != std::string_view::npos;
        for (const auto& name : names_bound) {
          Taint t;
          t.on = true;
          switch (tool.style) {
            case ArgumentStyle::whole_parameter:
              t.label = destructured || file.file().language == Language::python ? name : "arguments";
              break;
            case ArgumentStyle::request_parameter:
              if (file.file().language == Language::go) {
                t.path = {"Params", "Arguments"};
                t.getters = true;
              } else {
                t.path = {"params", "arguments"};
              }
              break;
            case ArgumentStyle::arguments_dict:
              t.label = "arguments";
              break;
          }
          fr.env[name] = t;
        }
      }
    }
    std::string key = "tool:" + std::to_string(ts_node_start_byte(fn)) + ":" + (remote ? "r" : "a");
    if (memo.count(key)) return;
    memo[key] = Summary{};
    run(fr, fn);
  }
};

TaintEngine::TaintEngine(const CodeRule& rule, const ParsedFile& file, EngineLimits limits)
    : impl_(std::make_unique<Impl>(rule, file, nullptr, limits)) {
  impl_->hits = &hits_;
}

TaintEngine::TaintEngine(const CodeRule& rule, const ParsedFile& file, const FileFacts& facts, EngineLimits limits)
    : impl_(std::make_unique<Impl>(rule, file, &facts, limits)) {
  impl_->hits = &hits_;
}

TaintEngine::~TaintEngine() = default;

void TaintEngine::analyse_tool(const ExtractedTool& tool) {
  if (ts_node_is_null(tool.handler)) return;
  impl_->start(tool);
}

void TaintEngine::analyse_function(TSNode fn, const std::string& tool) {
  ExtractedTool t;
  t.name = tool;
  t.handler = fn;
  impl_->start(t);
}

}  // namespace assay::code
