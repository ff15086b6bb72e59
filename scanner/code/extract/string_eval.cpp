// Static evaluation of string expressions: literals, concatenation, templates, f-strings,
// format calls, constants bound in the same file; anything else is classified by what it reads.
#include "scanner/code/extract/string_eval.h"

#include <algorithm>
#include <set>

#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;

namespace {

// What a non-constant sub-expression reads, judged from its text. The point is to tell a rug
// pull's ingredients (time, counters, remote data) from a value that merely was not followed.
std::vector<std::string> classify_reads(std::string_view text) {
  struct Marker {
    const char* needle;
    const char* read;
  };
  static const Marker markers[] = {
      {"process.env", "environment"}, {"os.environ", "environment"}, {"getenv", "environment"},
      {"Getenv", "environment"},      {"LookupEnv", "environment"},  {"process.argv", "command line"},
      {"sys.argv", "command line"},   {"os.Args", "command line"},   {"Date", "clock"},
      {"datetime", "clock"},          {"time.Now", "clock"},         {"time.time", "clock"},
      {"performance.now", "clock"},   {"random", "randomness"},      {"Random", "randomness"},
      {"uuid", "randomness"},         {"fetch(", "network"},         {"axios", "network"},
      {"http.", "network"},           {"requests.", "network"},      {"httpx", "network"},
      {"urlopen", "network"},         {"readFile", "a file"},        {"ReadFile", "a file"},
      {"open(", "a file"},            {"read_text", "a file"},       {"hostname", "the host"},
      {"uname", "the host"},          {"Hostname", "the host"},
  };
  std::vector<std::string> out;
  for (const auto& m : markers)
    if (text.find(m.needle) != std::string_view::npos &&
        std::find(out.begin(), out.end(), m.read) == out.end())
      out.emplace_back(m.read);
  return out;
}

class Evaluator {
 public:
  explicit Evaluator(const FileIndex& index) : idx_(index), f_(*index.file) {}

  StaticString eval(TSNode n, int depth) {
    StaticString s;
    n = unwrap(n);
    if (is_null(n) || depth > 12) {
      s.constant = false;
      s.resolved = false;
      return s;
    }
    std::string lit;
    if (literal_string(f_, n, lit)) {
      s.text = std::move(lit);
      return s;
    }
    std::string_view k = kind(n);
    if (k == "number" || k == "integer" || k == "float" || k == "int_literal" || k == "float_literal" ||
        k == "true" || k == "false") {
      s.text = std::string(f_.text(n));
      return s;
    }
    if (k == "template_string" || k == "string" || k == "interpreted_string_literal") {
      // Template literal or f-string with holes.
      uint32_t count = ts_node_child_count(n);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode c = ts_node_child(n, i);
        std::string_view ck = kind(c);
        if (ck == "string_fragment" || ck == "string_content") {
          s.text += f_.text(c);
        } else if (ck == "escape_sequence") {
          s.text += f_.text(c);
        } else if (ck == "template_substitution" || ck == "interpolation") {
          TSNode inner = ck == "interpolation" ? field(c, "expression") : TSNode{};
          if (is_null(inner)) {
            auto kids = named_children(c);
            if (!kids.empty()) inner = kids.front();
          }
          merge(s, eval(inner, depth + 1));
        }
      }
      return s;
    }
    if (k == "binary_expression" || k == "binary_operator") {
      TSNode left = field(n, "left"), right = field(n, "right");
      TSNode op = field(n, "operator");
      std::string_view op_text = is_null(op) ? std::string_view{} : f_.text(op);
      if (op_text == "%" && file_language() == Language::python) return format_call(n, left, right, depth);
      merge(s, eval(left, depth + 1));
      merge(s, eval(right, depth + 1));
      return s;
    }
    if (k == "identifier") {
      std::string name(f_.text(n));
      TSNode bound = idx_.unique_value(name);
      if (is_null(bound)) {
        s.constant = false;
        s.resolved = false;
        s.text = "{" + name + "}";
        return s;
      }
      StaticString inner = eval(bound, depth + 1);
      if (idx_.mutated.count(name)) {
        inner.constant = false;
        inner.resolved = true;
        if (std::find(inner.reads.begin(), inner.reads.end(), "counter") == inner.reads.end())
          inner.reads.emplace_back("a variable that changes (" + name + ")");
      }
      return inner;
    }
    if (k == "member_expression" || k == "attribute" || k == "selector_expression") {
      // CONST.key where CONST is an object literal bound once in this file.
      TSNode obj = unwrap(field(n, k == "member_expression" ? "object" : (k == "attribute" ? "object" : "operand")));
      TSNode prop = field(n, k == "member_expression" ? "property" : (k == "attribute" ? "attribute" : "field"));
      if (is(obj, "identifier") && !is_null(prop)) {
        TSNode bound = unwrap(idx_.unique_value(std::string(f_.text(obj))));
        if (is(bound, "object")) {
          for (TSNode pair : named_children(bound)) {
            if (!is(pair, "pair")) continue;
            TSNode key = field(pair, "key");
            std::string key_text;
            if (is(key, "property_identifier")) key_text = std::string(f_.text(key));
            else literal_string(f_, key, key_text);
            if (key_text == f_.text(prop)) return eval(field(pair, "value"), depth + 1);
          }
        }
      }
      return opaque(n);
    }
    if (k == "call_expression" || k == "call") return call(n, depth);
    if (k == "ternary_expression" || k == "conditional_expression") {
      StaticString a = eval(field(n, "consequence"), depth + 1);
      StaticString b = eval(field(n, "alternative"), depth + 1);
      StaticString cond = opaque(field(n, "condition"));
      s = a;
      if (!b.constant) merge(s, b);
      if (!cond.reads.empty()) merge(s, cond);
      return s;
    }
    return opaque(n);
  }

 private:
  Language file_language() const { return f_.file().language; }

  static void merge(StaticString& into, const StaticString& part) {
    into.text += part.constant ? part.text : (part.text.empty() ? "{...}" : part.text);
    if (!part.constant) into.constant = false;
    if (!part.resolved) into.resolved = false;
    for (const auto& r : part.reads)
      if (std::find(into.reads.begin(), into.reads.end(), r) == into.reads.end()) into.reads.push_back(r);
  }

  StaticString opaque(TSNode n) {
    StaticString s;
    s.constant = false;
    s.resolved = false;
    s.text = "{...}";
    s.reads = classify_reads(f_.text(n));
    if (!s.reads.empty()) s.resolved = true;
    return s;
  }

  StaticString format_call(TSNode whole, TSNode format, TSNode args, int depth) {
    StaticString s = eval(format, depth + 1);
    auto parts = is(unwrap(args), "tuple") ? named_children(unwrap(args)) : std::vector<TSNode>{args};
    for (TSNode a : parts) {
      StaticString v = eval(a, depth + 1);
      if (!v.constant) {
        s.constant = false;
        if (!v.resolved) s.resolved = false;
        for (const auto& r : v.reads)
          if (std::find(s.reads.begin(), s.reads.end(), r) == s.reads.end()) s.reads.push_back(r);
      }
    }
    (void)whole;
    return s;
  }

  StaticString call(TSNode n, int depth) {
    TSNode fn = unwrap(field(n, "function"));
    TSNode args = field(n, "arguments");
    std::string name;
    TSNode receiver{};
    if (is(fn, "member_expression") || is(fn, "attribute") || is(fn, "selector_expression")) {
      TSNode prop = field(fn, is(fn, "member_expression") ? "property" : (is(fn, "attribute") ? "attribute" : "field"));
      name = std::string(f_.text(prop));
      receiver = field(fn, is(fn, "member_expression") ? "object" : (is(fn, "attribute") ? "object" : "operand"));
    } else if (is(fn, "identifier")) {
      name = std::string(f_.text(fn));
    }
    auto arg_list = named_children(args);
    // Formatting: "...".format(...), fmt.Sprintf("...", ...), util.format(...), String(x).
    static const std::set<std::string> formatters = {"format", "Sprintf", "String", "str", "dedent", "join",
                                                     "trim", "strip", "TrimSpace", "concat", "replace"};
    static const std::set<std::string> receiver_is_text = {"format", "trim", "strip", "dedent", "concat",
                                                           "replace", "join"};
    if (formatters.count(name)) {
      StaticString s;
      if (!is_null(receiver) && receiver_is_text.count(name) && name != "join") merge(s, eval(receiver, depth + 1));
      if (name == "join" && !is_null(receiver)) {
        // ", ".join(list) / array.join(", "): constant when the list is.
        merge(s, eval_list(is(receiver, "array") || is(receiver, "list") ? receiver : (arg_list.empty() ? receiver : arg_list[0]), depth));
        return s;
      }
      for (TSNode a : arg_list) {
        if (is(a, "keyword_argument")) a = field(a, "value");
        StaticString v = eval(a, depth + 1);
        if (name == "Sprintf" || name == "String" || name == "str" || name == "dedent" || name == "concat" ||
            name == "format") merge(s, v);
        else if (!v.constant) merge(s, v);
      }
      return s;
    }
    return opaque(n);
  }

  StaticString eval_list(TSNode list, int depth) {
    StaticString s;
    list = unwrap(list);
    if (is(list, "array") || is(list, "list")) {
      for (TSNode e : named_children(list)) merge(s, eval(e, depth + 1));
      return s;
    }
    return eval(list, depth + 1);
  }

  const FileIndex& idx_;
  const ParsedFile& f_;
};

}  // namespace

StaticString evaluate_string(const FileIndex& index, TSNode expr) {
  Evaluator e(index);
  return e.eval(expr, 0);
}

}  // namespace assay::code
