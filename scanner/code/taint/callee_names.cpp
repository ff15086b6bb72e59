// Canonical callee names through imports, require(), aliases and promisify.
#include "scanner/code/taint/callee_names.h"

#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;

namespace {

std::string module_name(std::string m) {
  if (m.rfind("node:", 0) == 0) m = m.substr(5);
  return m;
}

}  // namespace

bool callee_matches(std::string_view p, std::string_view s) {
  // Iterative glob with backtracking to the last star: linear enough for short names.
  size_t pi = 0, si = 0, star = std::string_view::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.size() && p[pi] == s[si]) {
      ++pi;
      ++si;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

CalleeNames::CalleeNames(const ParsedFile& file) : file_(file) {
  switch (file.file().language) {
    case Language::python: bind_python(file.root()); break;
    case Language::go: bind_go(file.root()); break;
    default: bind_javascript(file.root()); break;
  }
}

std::string CalleeNames::module_of_call(TSNode call) const {
  call = unwrap(call);
  if (!is(call, "call_expression")) return {};
  std::string_view fn = file_.text(unwrap(field(call, "function")));
  auto args = named_children(field(call, "arguments"));
  if (args.empty()) return {};
  if (fn == "require") {
    std::string m;
    if (literal_string(file_, args[0], m)) return module_name(m);
    return {};
  }
  // esbuild/TypeScript/Babel interop wrappers around require().
  if (fn == "__toESM" || fn == "__importDefault" || fn == "__importStar" || fn == "_interopRequireDefault" ||
      fn == "_interopRequireWildcard" || fn == "__importDefault.default")
    return module_of_call(args[0]);
  return {};
}

void CalleeNames::bind_javascript(TSNode root) {
  walk(root, [&](TSNode n) {
    if (is(n, "import_statement")) {
      std::string source;
      if (!literal_string(file_, field(n, "source"), source)) return false;
      source = module_name(source);
      TSNode clause = child_of_kind(n, "import_clause");
      for (TSNode c : named_children(clause)) {
        if (is(c, "identifier")) {
          aliases_[std::string(file_.text(c))] = source;
          module_bound_.insert(std::string(file_.text(c)));
        }
        else if (is(c, "namespace_import")) {
          TSNode id = child_of_kind(c, "identifier");
          if (!is_null(id)) {
            aliases_[std::string(file_.text(id))] = source;
            module_bound_.insert(std::string(file_.text(id)));
          }
        } else if (is(c, "named_imports")) {
          for (TSNode spec : named_children(c)) {
            if (!is(spec, "import_specifier")) continue;
            TSNode name = field(spec, "name");
            TSNode alias = field(spec, "alias");
            std::string imported(file_.text(name));
            std::string local = is_null(alias) ? imported : std::string(file_.text(alias));
            aliases_[local] = imported == "default" ? source : source + "." + imported;
            module_bound_.insert(local);
          }
        }
      }
      return false;
    }
    if (is(n, "variable_declarator") || is(n, "assignment_expression")) {
      TSNode name = field(n, is(n, "variable_declarator") ? "name" : "left");
      TSNode value = unwrap(field(n, is(n, "variable_declarator") ? "value" : "right"));
      if (is_null(value)) return true;
      std::string target;
      bool from_module = false;
      std::string m = module_of_call(value);
      if (!m.empty()) {
        target = m;
        from_module = true;
      } else if (is(value, "call_expression")) {
        std::string fn = resolve(field(value, "function"));
        auto args = named_children(field(value, "arguments"));
        if ((fn == "util.promisify" || fn == "promisify") && !args.empty()) {
          target = resolve(args[0]);
          from_module = is(unwrap(args[0]), "identifier") && is_module_binding(file_.text(unwrap(args[0])));
        }
      } else if (is(value, "identifier") || is(value, "member_expression")) {
        std::string r = resolve(value);
        if (r.find('.') != std::string::npos || aliases_.count(std::string(file_.text(value)))) target = r;
      }
      if (target.empty()) return true;
      if (is(name, "identifier")) {
        aliases_[std::string(file_.text(name))] = target;
        if (from_module) module_bound_.insert(std::string(file_.text(name)));
      } else if (is(name, "object_pattern")) {
        for (TSNode p : named_children(name)) {
          if (is(p, "shorthand_property_identifier_pattern")) {
            aliases_[std::string(file_.text(p))] = target + "." + std::string(file_.text(p));
            if (from_module) module_bound_.insert(std::string(file_.text(p)));
          } else if (is(p, "pair_pattern")) {
            TSNode value_pattern = field(p, "value");
            if (is(value_pattern, "identifier")) {
              aliases_[std::string(file_.text(value_pattern))] = target + "." + std::string(file_.text(field(p, "key")));
              if (from_module) module_bound_.insert(std::string(file_.text(value_pattern)));
            }
          }
        }
      }
    }
    return true;
  });
}

void CalleeNames::bind_python(TSNode root) {
  walk(root, [&](TSNode n) {
    if (is(n, "import_statement")) {
      for (TSNode c : named_children(n)) {
        if (is(c, "dotted_name")) {
          std::string full(file_.text(c));
          std::string first = full.substr(0, full.find('.'));
          aliases_[first] = first;
          module_bound_.insert(first);
        } else if (is(c, "aliased_import")) {
          aliases_[std::string(file_.text(field(c, "alias")))] = std::string(file_.text(field(c, "name")));
          module_bound_.insert(std::string(file_.text(field(c, "alias"))));
        }
      }
      return false;
    }
    if (is(n, "import_from_statement")) {
      std::string module(file_.text(field(n, "module_name")));
      for (TSNode c : named_children(n)) {
        if (syntax::same(c, field(n, "module_name"))) continue;
        if (is(c, "dotted_name")) {
          aliases_[std::string(file_.text(c))] = module + "." + std::string(file_.text(c));
          module_bound_.insert(std::string(file_.text(c)));
        } else if (is(c, "aliased_import")) {
          aliases_[std::string(file_.text(field(c, "alias")))] =
              module + "." + std::string(file_.text(field(c, "name")));
          module_bound_.insert(std::string(file_.text(field(c, "alias"))));
        }
      }
      return false;
    }
    TSNode name{}, value{};
    if (is(n, "assignment")) {
      name = field(n, "left");
      value = field(n, "right");
    } else if (is(n, "as_pattern")) {  // with httpx.Client() as client
      auto kids = named_children(n);
      TSNode alias = field(n, "alias");
      if (!kids.empty() && !is_null(alias)) {
        value = kids.front();
        auto inner = named_children(alias);
        name = inner.empty() ? alias : inner.front();
      }
    }
    if (is(name, "identifier") && !is_null(value)) {
      value = unwrap(value);
      std::string r;
      if (is(value, "call")) {
        std::string fn = resolve(field(value, "function"));
        if (!fn.empty() && fn.find('.') != std::string::npos) r = fn + "()";
      } else if (is(value, "attribute")) {
        r = resolve(value);
      } else if (is(value, "identifier") && aliases_.count(std::string(file_.text(value)))) {
        r = resolve(value);
      }
      if (!r.empty()) aliases_[std::string(file_.text(name))] = r;
    }
    return true;
  });
}

void CalleeNames::bind_go(TSNode root) {
  walk(root, [&](TSNode n) {
    if (is(n, "import_spec")) {
      std::string path;
      if (!literal_string(file_, field(n, "path"), path)) return false;
      TSNode name = field(n, "name");
      std::string local;
      if (is(name, "package_identifier")) local = std::string(file_.text(name));
      else {
        local = path.substr(path.find_last_of('/') + 1);
        // gopkg.in/yaml.v3 -> yaml; github.com/x/go-foo -> foo is a guess Go does not make,
        // but the import's own package clause is not available to us.
        size_t dot = local.find('.');
        if (dot != std::string::npos) local = local.substr(0, dot);
      }
      aliases_[local] = path;
      module_bound_.insert(local);
      return false;
    }
    return true;
  });
}

std::string CalleeNames::resolve(TSNode expr) const { return resolve(expr, 0); }

std::string CalleeNames::resolve(TSNode expr, int depth) const {
  expr = unwrap(expr);
  if (is_null(expr) || depth > 16) return {};
  std::string_view k = kind(expr);
  if (k == "identifier") {
    std::string name(file_.text(expr));
    auto it = aliases_.find(name);
    return it == aliases_.end() ? name : it->second;
  }
  if (k == "this") return "this";
  if (k == "member_expression" || k == "attribute" || k == "selector_expression") {
    TSNode obj = field(expr, k == "selector_expression" ? "operand" : "object");
    TSNode prop = field(expr, k == "member_expression" ? "property" : (k == "attribute" ? "attribute" : "field"));
    std::string base = resolve(obj, depth + 1);
    if (base.empty()) {
      std::string m = module_of_call(obj);
      if (m.empty()) return std::string(file_.text(prop));
      base = m;
    }
    return base + "." + std::string(file_.text(prop));
  }
  if (k == "call_expression" || k == "call") {
    std::string m = module_of_call(expr);
    if (!m.empty()) return m;
    std::string fn = resolve(field(expr, "function"), depth + 1);
    return fn.empty() ? std::string{} : fn + "()";
  }
  return {};
}

}  // namespace assay::code
