// Structural comparison of tools, prompts, resources and their JSON Schemas.
#include "scanner/lock/surface_diff.h"

#include <set>

#include "scanner/lock/canonical.h"
#include "scanner/mcp/escape.h"

namespace assay::lock {
namespace {

using nlohmann::json;
using rules::FieldKind;

constexpr int kMaxSchemaDepth = 32;

std::string quote_text(const std::string& s) { return "'" + mcp::escape_for_message(s, 80) + "'"; }
std::string shown(const json& v) { return mcp::escape_for_message(canonical_text(v), 80); }

const json* member(const json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string text_of(const json& obj, const char* key) {
  const json* v = member(obj, key);
  return v && v->is_string() ? v->get<std::string>() : "";
}

class Differ {
 public:
  explicit Differ(std::vector<Change>& out) : out_(out) {}

  void text(const json& a, const json& b, const char* key, FieldKind field, const std::string& where) {
    std::string ta = text_of(a, key), tb = text_of(b, key);
    if (ta == tb) return;
    std::string verb = ta.empty() ? " added" : tb.empty() ? " removed" : " changed";
    out_.push_back({ChangeClass::text, where + verb, TextChange{field, ta, tb}});
  }

  void add(ChangeClass cls, std::string what) { out_.push_back({cls, std::move(what), std::nullopt}); }

  // `where` names the schema: "" for the root, else "parameter 'city'" style.
  void schema(const json& a, const json& b, const std::string& path, int depth) {
    std::string where = path.empty() ? "the input schema" : "parameter " + quote_text(path);
    if (a == b) return;
    if (depth > kMaxSchemaDepth || !a.is_object() || !b.is_object()) {
      add(ChangeClass::widened, where + " changed (" + shown(a) + " -> " + shown(b) + ")");
      return;
    }
    bool param = !path.empty();
    text(a, b, "title", param ? FieldKind::param_title : FieldKind::tool_title, "title of " + where);
    text(a, b, "description", param ? FieldKind::param_description : FieldKind::tool_description,
         "description of " + where);
    properties(a, b, path, depth);
    required(a, b, path);
    types(a, b, where);
    constraints(a, b, where);
    enums(a, b, where);
    additional(a, b, where);
    if (const json *da = member(a, "default"), *db = member(b, "default"); (da ? *da : json()) != (db ? *db : json()))
      add(ChangeClass::widened, !da   ? "default " + shown(*db) + " added to " + where
                                : !db ? "default " + shown(*da) + " removed from " + where
                                      : "default of " + where + " changed from " + shown(*da) + " to " + shown(*db));
    if (const json *ia = member(a, "items"), *ib = member(b, "items"); ia || ib)
      schema(ia ? *ia : json::object(), ib ? *ib : json::object(), path + "[]", depth + 1);
    static const std::set<std::string> handled = {"title", "description", "properties", "required", "type",
                                                  "enum", "additionalProperties", "default", "items",
                                                  "pattern", "format", "minLength", "maxLength", "minimum",
                                                  "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems",
                                                  "maxItems", "uniqueItems", "multipleOf", "const",
                                                  "minProperties", "maxProperties"};
    std::set<std::string> other;
    for (const auto* s : {&a, &b})
      for (auto it = s->begin(); it != s->end(); ++it)
        if (!handled.count(it.key())) other.insert(it.key());
    for (const auto& key : other) {
      const json *va = member(a, key.c_str()), *vb = member(b, key.c_str());
      if (va && vb && *va == *vb) continue;
      bool bookkeeping = key == "$schema" || key == "$id" || key == "$comment";
      add(bookkeeping ? ChangeClass::cosmetic : ChangeClass::widened,
          "keyword " + quote_text(key) + " of " + where + (!va ? " added" : !vb ? " removed" : " changed"));
    }
  }

 private:
  void properties(const json& a, const json& b, const std::string& path, int depth) {
    const json* pa = member(a, "properties");
    const json* pb = member(b, "properties");
    json ea = pa && pa->is_object() ? *pa : json::object();
    json eb = pb && pb->is_object() ? *pb : json::object();
    auto name = [&path](const std::string& k) { return path.empty() ? k : path + "." + k; };
    for (auto it = eb.begin(); it != eb.end(); ++it)
      if (!ea.contains(it.key())) {
        std::string d = text_of(it.value(), "description");
        add(ChangeClass::widened, "parameter " + quote_text(name(it.key())) + " added" +
                                      (d.empty() ? "" : ": " + quote_text(d)));
        // A new parameter's description is new text the model reads: classify it as text too.
        if (!d.empty())
          out_.push_back({ChangeClass::text, "description of new parameter " + quote_text(name(it.key())),
                          TextChange{FieldKind::param_description, "", d, true}});
      }
    for (auto it = ea.begin(); it != ea.end(); ++it)
      if (!eb.contains(it.key())) add(ChangeClass::narrowed, "parameter " + quote_text(name(it.key())) + " removed");
    for (auto it = ea.begin(); it != ea.end(); ++it)
      if (eb.contains(it.key())) schema(it.value(), eb[it.key()], name(it.key()), depth + 1);
  }

  void required(const json& a, const json& b, const std::string& path) {
    auto names = [](const json& s) {
      std::set<std::string> out;
      if (const json* r = member(s, "required"); r && r->is_array())
        for (const auto& n : *r)
          if (n.is_string()) out.insert(n.get<std::string>());
      return out;
    };
    auto ra = names(a), rb = names(b);
    auto name = [&path](const std::string& k) { return quote_text(path.empty() ? k : path + "." + k); };
    for (const auto& n : rb)
      if (!ra.count(n)) add(ChangeClass::narrowed, "parameter " + name(n) + " is now required");
    for (const auto& n : ra)
      if (!rb.count(n)) add(ChangeClass::widened, "parameter " + name(n) + " is no longer required");
  }

  void types(const json& a, const json& b, const std::string& where) {
    auto set_of = [](const json& s) {
      std::set<std::string> out;
      const json* t = member(s, "type");
      if (!t) return out;  // empty = any type
      if (t->is_string()) out.insert(t->get<std::string>());
      if (t->is_array())
        for (const auto& e : *t)
          if (e.is_string()) out.insert(e.get<std::string>());
      return out;
    };
    auto ta = set_of(a), tb = set_of(b);
    if (ta == tb) return;
    auto show = [](const std::set<std::string>& s) {
      if (s.empty()) return std::string("any");
      std::string out;
      for (const auto& t : s) out += (out.empty() ? "" : "|") + mcp::escape_for_message(t, 40);
      return out;
    };
    // integer is a subset of number.
    auto covered = [](const std::set<std::string>& by, const std::string& t) {
      return by.empty() || by.count(t) || (t == "integer" && by.count("number"));
    };
    bool wider = false;
    if (tb.empty()) wider = true;
    for (const auto& t : tb) wider = wider || !covered(ta, t);
    if (ta.empty() && !tb.empty()) wider = false;
    add(wider ? ChangeClass::widened : ChangeClass::narrowed,
        "type of " + where + (wider ? " loosened from " : " narrowed from ") + show(ta) + " to " + show(tb));
  }

  void constraints(const json& a, const json& b, const std::string& where) {
    // Upper bounds widen when they grow, lower bounds when they shrink.
    static const std::set<std::string> upper = {"maxLength", "maximum", "exclusiveMaximum", "maxItems", "maxProperties"};
    static const std::set<std::string> lower = {"minLength", "minimum", "exclusiveMinimum", "minItems", "minProperties"};
    for (const char* key : {"pattern", "format", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum",
                            "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "multipleOf", "const",
                            "minProperties", "maxProperties"}) {
      const json *va = member(a, key), *vb = member(b, key);
      if ((!va && !vb) || (va && vb && *va == *vb)) continue;
      std::string k = key;
      if (va && !vb) {
        add(ChangeClass::widened, where + " no longer has " + k + " " + shown(*va));
      } else if (!va) {
        add(ChangeClass::narrowed, where + " now has " + k + " " + shown(*vb));
      } else {
        bool wider = true;  // a changed pattern, format or const may accept anything new
        if (va->is_number() && vb->is_number()) {
          double x = va->get<double>(), y = vb->get<double>();
          if (upper.count(k)) wider = y > x;
          if (lower.count(k)) wider = y < x;
        }
        add(wider ? ChangeClass::widened : ChangeClass::narrowed,
            k + " of " + where + " changed from " + shown(*va) + " to " + shown(*vb));
      }
    }
  }

  void enums(const json& a, const json& b, const std::string& where) {
    const json *ea = member(a, "enum"), *eb = member(b, "enum");
    if ((!ea && !eb) || (ea && eb && *ea == *eb)) return;
    if (ea && !eb) return add(ChangeClass::widened, where + " is no longer limited to " + shown(*ea));
    if (!ea) return add(ChangeClass::narrowed, where + " is now limited to " + shown(*eb));
    auto set_of = [](const json& e) {
      std::set<std::string> out;
      if (e.is_array())
        for (const auto& v : e) out.insert(canonical_text(v));
      return out;
    };
    auto sa = set_of(*ea), sb = set_of(*eb);
    std::string added, removed;
    for (const auto& v : sb)
      if (!sa.count(v)) added += (added.empty() ? "" : ", ") + mcp::escape_for_message(v, 60);
    for (const auto& v : sa)
      if (!sb.count(v)) removed += (removed.empty() ? "" : ", ") + mcp::escape_for_message(v, 60);
    if (!added.empty()) add(ChangeClass::widened, "enum of " + where + " widened: + " + added);
    if (!removed.empty()) add(ChangeClass::narrowed, "enum of " + where + " narrowed: - " + removed);
    if (added.empty() && removed.empty()) add(ChangeClass::cosmetic, "enum of " + where + " reordered");
  }

  void additional(const json& a, const json& b, const std::string& where) {
    const json *va = member(a, "additionalProperties"), *vb = member(b, "additionalProperties");
    if ((!va && !vb) || (va && vb && *va == *vb)) return;
    auto closed = [](const json* v) { return v && v->is_boolean() && !v->get<bool>(); };
    if (closed(va) && !closed(vb)) return add(ChangeClass::widened, where + " now accepts additional properties");
    if (!closed(va) && closed(vb)) return add(ChangeClass::narrowed, where + " no longer accepts additional properties");
    add(ChangeClass::widened, "additionalProperties of " + where + " changed");
  }

  std::vector<Change>& out_;
};

// MCP's defaults for absent hints (2025-06-18 schema): the conservative reading.
bool effective_hint(const json& annotations, const char* key, bool absent) {
  const json* v = member(annotations, key);
  return v && v->is_boolean() ? v->get<bool>() : absent;
}

void annotations(Differ& d, const json& a, const json& b, std::vector<Change>& out) {
  struct Hint {
    const char* key;
    bool absent;  // value when not declared
    bool risky;   // the value that claims more risk
  };
  for (Hint h : {Hint{"readOnlyHint", false, false}, Hint{"destructiveHint", true, true},
                 Hint{"idempotentHint", false, false}, Hint{"openWorldHint", true, true}}) {
    bool va = effective_hint(a, h.key, h.absent), vb = effective_hint(b, h.key, h.absent);
    std::string k = h.key;
    if (va != vb) {
      d.add(vb == h.risky ? ChangeClass::riskier_hint : ChangeClass::safer_hint,
            k + " changed from " + (va ? "true" : "false") + " to " + (vb ? "true" : "false"));
    } else if (member(a, h.key) != nullptr) {
      if (!member(b, h.key) || *member(a, h.key) != *member(b, h.key))
        d.add(ChangeClass::cosmetic, k + " no longer declared explicitly (same effective value)");
    } else if (member(b, h.key)) {
      d.add(ChangeClass::cosmetic, k + " now declared explicitly (same effective value)");
    }
  }
  d.text(a, b, "title", FieldKind::tool_title, "annotation title");
  std::set<std::string> other;
  for (const auto* s : {&a, &b})
    if (s->is_object())
      for (auto it = s->begin(); it != s->end(); ++it)
        if (it.key() != "title" && !it.key().ends_with("Hint")) other.insert(it.key());
  for (const auto& key : other) {
    const json *va = member(a, key.c_str()), *vb = member(b, key.c_str());
    if (!(va && vb && *va == *vb)) out.push_back({ChangeClass::cosmetic, "annotation " + quote_text(key) + " changed", std::nullopt});
  }
}

void prompt_arguments(Differ& d, const json& a, const json& b, std::vector<Change>& out) {
  auto by_name = [](const json& p) {
    std::vector<std::pair<std::string, json>> out;
    if (const json* args = member(p, "arguments"); args && args->is_array())
      for (const auto& arg : *args) out.emplace_back(text_of(arg, "name"), arg);
    return out;
  };
  auto la = by_name(a), lb = by_name(b);
  auto find = [](const auto& list, const std::string& n) -> const json* {
    for (const auto& [k, v] : list)
      if (k == n) return &v;
    return nullptr;
  };
  for (const auto& [n, arg] : lb)
    if (!find(la, n)) {
      d.add(ChangeClass::widened, "argument " + quote_text(n) + " added");
      if (std::string text = text_of(arg, "description"); !text.empty())
        out.push_back({ChangeClass::text, "description of new argument " + quote_text(n),
                       TextChange{FieldKind::prompt_argument_description, "", text, true}});
    }
  for (const auto& [n, arg] : la)
    if (!find(lb, n)) d.add(ChangeClass::narrowed, "argument " + quote_text(n) + " removed");
  std::vector<std::string> order_a, order_b;
  for (const auto& [n, arg] : la) {
    const json* other = find(lb, n);
    if (!other) continue;
    order_a.push_back(n);
    bool ra = arg.value("required", false), rb = other->value("required", false);
    if (ra != rb) d.add(rb ? ChangeClass::narrowed : ChangeClass::widened,
                        "argument " + quote_text(n) + (rb ? " is now required" : " is no longer required"));
    d.text(arg, *other, "title", FieldKind::prompt_argument_description, "title of argument " + quote_text(n));
    d.text(arg, *other, "description", FieldKind::prompt_argument_description, "description of argument " + quote_text(n));
  }
  for (const auto& [n, arg] : lb)
    if (find(la, n)) order_b.push_back(n);
  if (order_a != order_b) d.add(ChangeClass::cosmetic, "arguments reordered");
}

}  // namespace

std::vector<Change> diff_items(ItemKind kind, const json& a, const json& b) {
  std::vector<Change> out;
  Differ d(out);
  switch (kind) {
    case ItemKind::instructions:
      d.text(a, b, "instructions", FieldKind::server_instructions, "server instructions");
      break;
    case ItemKind::tool: {
      d.text(a, b, "title", FieldKind::tool_title, "title");
      d.text(a, b, "description", FieldKind::tool_description, "description");
      const json *ia = member(a, "inputSchema"), *ib = member(b, "inputSchema");
      d.schema(ia ? *ia : json::object(), ib ? *ib : json::object(), "", 0);
      const json *oa = member(a, "outputSchema"), *ob = member(b, "outputSchema");
      if ((oa ? *oa : json()) != (ob ? *ob : json()))
        d.add(ChangeClass::narrowed, std::string("output schema ") + (!oa ? "added" : !ob ? "removed" : "changed"));
      const json *aa = member(a, "annotations"), *ab = member(b, "annotations");
      annotations(d, aa ? *aa : json::object(), ab ? *ab : json::object(), out);
      break;
    }
    case ItemKind::prompt:
      d.text(a, b, "title", FieldKind::prompt_title, "title");
      d.text(a, b, "description", FieldKind::prompt_description, "description");
      prompt_arguments(d, a, b, out);
      break;
    case ItemKind::resource:
    case ItemKind::resource_template: {
      bool res = kind == ItemKind::resource;
      d.text(a, b, "name", res ? FieldKind::resource_name : FieldKind::template_name, "name");
      d.text(a, b, "title", res ? FieldKind::resource_title : FieldKind::template_title, "title");
      d.text(a, b, "description", res ? FieldKind::resource_description : FieldKind::template_description,
             "description");
      if (text_of(a, "mimeType") != text_of(b, "mimeType"))
        d.add(ChangeClass::widened, "mimeType changed from " + quote_text(text_of(a, "mimeType")) + " to " +
                                        quote_text(text_of(b, "mimeType")));
      break;
    }
  }
  return out;
}

}  // namespace assay::lock
