// Local $ref resolution and constraint merging for one inputSchema.
#include "scanner/fuzz/schema_document.h"

#include <algorithm>
#include <cmath>

namespace assay::fuzz {
namespace {

// "%25" and friends inside a fragment: JSON pointers in $ref are URI fragments.
std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) && hex(s[i + 2])) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

const char* kLowerBounds[] = {"minimum", "minLength", "minItems", "minProperties", "minContains"};
const char* kUpperBounds[] = {"maximum", "maxLength", "maxItems", "maxProperties", "maxContains"};

bool is_number(const json& j) { return j.is_number(); }

}  // namespace

namespace {

// Cuts a schema down to the limits before anything copies it: every later step copies
// subtrees, so a 3000-level or million-node schema would cost quadratic time.
void prune(json& node, int depth, long& nodes, const SchemaLimits& limits, bool& pruned) {
  if (!node.is_structured()) {
    ++nodes;
    return;
  }
  if (depth >= limits.max_schema_depth || ++nodes > limits.max_schema_nodes) {
    node = json::object();
    pruned = true;
    return;
  }
  for (auto& child : node) prune(child, depth + 1, nodes, limits, pruned);
}

}  // namespace

SchemaDocument::SchemaDocument(json root, SchemaLimits limits) : root_(std::move(root)), limits_(limits) {
  long nodes = 0;
  bool pruned = false;
  prune(root_, 0, nodes, limits_, pruned);
  if (pruned)
    note("the schema is deeper than " + std::to_string(limits_.max_schema_depth) + " levels or larger than " +
         std::to_string(limits_.max_schema_nodes) + " nodes; the excess is treated as accepting anything");
}

void SchemaDocument::note(const std::string& n) const {
  if (notes_.size() < 32 && std::find(notes_.begin(), notes_.end(), n) == notes_.end()) notes_.push_back(n);
}

const json* SchemaDocument::resolve_ref(const std::string& ref) const {
  if (ref.empty() || ref[0] != '#') return nullptr;  // remote references are never fetched
  std::string pointer = percent_decode(ref.substr(1));
  if (pointer.empty()) return &root_;
  if (pointer[0] != '/') return nullptr;  // "#anchor" names are not supported
  const json* at = &root_;
  size_t pos = 1;
  while (true) {
    size_t next = pointer.find('/', pos);
    std::string token = pointer.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
    for (size_t i; (i = token.find("~1")) != std::string::npos;) token.replace(i, 2, "/");
    for (size_t i; (i = token.find("~0")) != std::string::npos;) token.replace(i, 2, "~");
    if (at->is_object()) {
      auto it = at->find(token);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else if (at->is_array()) {
      if (token.empty() || token.size() > 9 || !std::all_of(token.begin(), token.end(), ::isdigit)) return nullptr;
      size_t index = std::stoul(token);
      if (index >= at->size()) return nullptr;
      at = &(*at)[index];
    } else {
      return nullptr;
    }
    if (next == std::string::npos) return at;
    pos = next + 1;
  }
}

json SchemaDocument::flatten(const json& schema) const {
  int expansions = 0;
  return flatten_at(schema, 0, expansions);
}

json SchemaDocument::flatten_at(const json& schema, int hops, int& expansions) const {
  if (schema.is_boolean()) return schema.get<bool>() ? json::object() : json{{"not", json::object()}};
  if (!schema.is_object()) {
    if (!schema.is_null()) note("a schema node is not an object; treated as accepting anything");
    return json::object();
  }
  // `allOf: [{$ref:"#"}, {$ref:"#"}]` doubles at every hop: the total, not just the chain, is bounded.
  if (++expansions > limits_.max_ref_expansions) {
    note("$ref/allOf expansions exceed " + std::to_string(limits_.max_ref_expansions) + "; stopped following them");
    return json::object();
  }
  if (hops > limits_.max_ref_chain) {
    note("$ref/allOf chain longer than " + std::to_string(limits_.max_ref_chain) + " hops; stopped following it");
    return json::object();
  }
  json flat = json::object();
  for (auto it = schema.begin(); it != schema.end(); ++it)
    if (it.key() != "$ref" && it.key() != "allOf") flat[it.key()] = it.value();
  if (auto ref = schema.find("$ref"); ref != schema.end()) {
    const json* target = ref->is_string() ? resolve_ref(ref->get<std::string>()) : nullptr;
    if (!target) {
      note("$ref " + ref->dump() + " does not resolve inside the schema; treated as accepting anything");
    } else {
      json resolved = flatten_at(*target, hops + 1, expansions);
      merge_constraints(resolved, flat);
      flat = std::move(resolved);
    }
  }
  if (auto all = schema.find("allOf"); all != schema.end() && all->is_array()) {
    for (const auto& member : *all) merge_constraints(flat, flatten_at(member, hops + 1, expansions));
  }
  return flat;
}

std::vector<std::string> declared_types(const json& flat) {
  std::vector<std::string> types;
  auto t = flat.find("type");
  if (t == flat.end()) return types;
  auto add = [&](const json& v) {
    if (v.is_string() && std::find(types.begin(), types.end(), v.get<std::string>()) == types.end())
      types.push_back(v.get<std::string>());
  };
  if (t->is_array()) {
    for (const auto& v : *t) add(v);
  } else {
    add(*t);
  }
  if (flat.contains("nullable") && flat["nullable"] == true && std::find(types.begin(), types.end(), "null") == types.end())
    types.push_back("null");
  return types;
}

void merge_constraints(json& a, const json& b) {
  if (!a.is_object() || !b.is_object()) return;
  for (auto it = b.begin(); it != b.end(); ++it) {
    const std::string& key = it.key();
    const json& bv = it.value();
    auto at = a.find(key);
    if (at == a.end()) {
      a[key] = bv;
      continue;
    }
    json& av = *at;
    if (key == "type") {
      std::vector<std::string> ta = declared_types(json{{"type", av}}), tb = declared_types(json{{"type", bv}});
      json both = json::array();
      for (const auto& x : ta)
        for (const auto& y : tb) {
          std::string m = x == y ? x : (x == "number" && y == "integer") || (x == "integer" && y == "number") ? "integer" : "";
          if (!m.empty() && std::find(both.begin(), both.end(), m) == both.end()) both.push_back(m);
        }
      av = both;  // empty: no type satisfies both
    } else if (key == "required" && av.is_array() && bv.is_array()) {
      for (const auto& r : bv)
        if (std::find(av.begin(), av.end(), r) == av.end()) av.push_back(r);
    } else if (key == "properties" && av.is_object() && bv.is_object()) {
      for (auto p = bv.begin(); p != bv.end(); ++p) {
        if (av.contains(p.key())) {
          av[p.key()] = json{{"allOf", json::array({av[p.key()], p.value()})}};
        } else {
          av[p.key()] = p.value();
        }
      }
    } else if (key == "enum" && av.is_array() && bv.is_array()) {
      json kept = json::array();
      for (const auto& x : av)
        if (std::find(bv.begin(), bv.end(), x) != bv.end()) kept.push_back(x);
      av = kept;
    } else if ((key == "items" || key == "additionalProperties") && av.is_object() && bv.is_object()) {
      av = json{{"allOf", json::array({av, bv})}};
    } else if (key == "additionalProperties" && (av == false || bv == false)) {
      av = false;
    } else if (std::any_of(std::begin(kLowerBounds), std::end(kLowerBounds), [&](const char* k) { return key == k; })) {
      if (is_number(av) && is_number(bv)) av = std::max(av.get<double>(), bv.get<double>()) == av.get<double>() ? av : bv;
    } else if (std::any_of(std::begin(kUpperBounds), std::end(kUpperBounds), [&](const char* k) { return key == k; })) {
      if (is_number(av) && is_number(bv)) av = std::min(av.get<double>(), bv.get<double>()) == av.get<double>() ? av : bv;
    } else if ((key == "exclusiveMinimum" || key == "exclusiveMaximum") && is_number(av) && is_number(bv)) {
      bool lower = key == "exclusiveMinimum";
      double x = av.get<double>(), y = bv.get<double>();
      av = (lower ? std::max(x, y) : std::min(x, y)) == x ? av : bv;
    } else if (key == "multipleOf" && is_number(av) && is_number(bv)) {
      // Exact only when one divides the other, which is the case schemas meet in practice.
      double x = av.get<double>(), y = bv.get<double>();
      if (x > 0 && y > 0 && std::fmod(std::max(x, y), std::min(x, y)) == 0) av = x > y ? av : bv;
    }
    // Everything else (description, default, format, pattern, anyOf, ...): the first one wins;
    // the validator still checks the unmerged schema, so a lost constraint shows as an issue.
  }
}

}  // namespace assay::fuzz
