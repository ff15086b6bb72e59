// The JSON Schema subset validator.
#include "scanner/fuzz/schema_validator.h"

#include <algorithm>
#include <cmath>

#include "scanner/fuzz/string_formats.h"

namespace assay::fuzz {
namespace {

std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

bool num(const json& s, const char* key, double& v) {
  auto it = s.find(key);
  if (it == s.end() || !it->is_number()) return false;
  v = it->get<double>();
  return true;
}

}  // namespace

std::size_t code_points(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool has_json_type(const json& value, const std::string& type) {
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") {
    if (value.is_number_integer()) return true;
    if (!value.is_number_float()) return false;
    double d = value.get<double>();
    return std::isfinite(d) && std::floor(d) == d;
  }
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return false;  // an unknown type name admits nothing
}

ValidationResult SchemaValidator::validate(const json& instance, const json& schema) const {
  ValidationResult out;
  if (nesting_++ == 0) steps_ = 0;
  check(schema, instance, "", 0, out);
  --nesting_;
  return out;
}

void SchemaValidator::issue(ValidationResult& out, const std::string& ptr, const std::string& message) const {
  if (out.issues.size() < doc_.limits().max_issues) out.issues.push_back({ptr.empty() ? "/" : ptr, message});
}

void SchemaValidator::check(const json& s, const json& value, const std::string& ptr, int depth,
                            ValidationResult& out) const {
  if (out.issues.size() >= doc_.limits().max_issues) return;
  if (depth > doc_.limits().max_depth) return issue(out, ptr, "schema nesting too deep to check");
  // Combinators over self-references multiply: a budget keeps a hostile schema linear.
  if (++steps_ > doc_.limits().max_validation_steps) return issue(out, ptr, "schema too costly to check");
  if (s.is_boolean()) {
    if (!s.get<bool>()) issue(out, ptr, "the schema is false: nothing is valid here");
    return;
  }
  if (!s.is_object()) return;  // garbage accepts anything, as the generator treats it
  if (auto ref = s.find("$ref"); ref != s.end()) {
    const json* target = ref->is_string() ? doc_.resolve_ref(ref->get<std::string>()) : nullptr;
    if (target) check(*target, value, ptr, depth + 1, out);
  }
  std::vector<std::string> types = declared_types(s);
  if (s.contains("type") && std::none_of(types.begin(), types.end(), [&](const auto& t) { return has_json_type(value, t); }))
    return issue(out, ptr, "expected type " + s["type"].dump() + ", got " + value.type_name());
  if (auto e = s.find("enum"); e != s.end() && e->is_array() && std::find(e->begin(), e->end(), value) == e->end())
    issue(out, ptr, "not one of the enum values");
  if (auto c = s.find("const"); c != s.end() && *c != value) issue(out, ptr, "not the const value " + c->dump());
  if (value.is_string()) check_string(s, value.get_ref<const std::string&>(), ptr, out);
  if (value.is_number()) check_number(s, value, ptr, out);
  if (value.is_object()) check_object(s, value, ptr, depth, out);
  if (value.is_array()) check_array(s, value, ptr, depth, out);
  check_combinators(s, value, ptr, depth, out);
}

void SchemaValidator::check_string(const json& s, const std::string& value, const std::string& ptr,
                                   ValidationResult& out) const {
  double bound;
  std::size_t len = code_points(value);
  if (num(s, "minLength", bound) && len < bound) issue(out, ptr, "shorter than minLength");
  if (num(s, "maxLength", bound) && len > bound) issue(out, ptr, "longer than maxLength");
  if (auto p = s.find("pattern"); p != s.end() && p->is_string()) {
    auto matched = patterns_.search(p->get<std::string>(), value);
    if (!matched) ++out.unchecked_patterns;
    else if (!*matched) issue(out, ptr, "does not match pattern " + p->dump());
  }
  if (auto f = s.find("format"); f != s.end() && f->is_string()) {
    if (has_format(f->get<std::string>(), value) == false) issue(out, ptr, "not a valid " + f->get<std::string>());
  }
}

void SchemaValidator::check_number(const json& s, const json& value, const std::string& ptr,
                                   ValidationResult& out) const {
  double v = value.get<double>(), bound;
  if (num(s, "minimum", bound)) {
    bool exclusive = s.value("exclusiveMinimum", json(false)) == true;  // draft-04 boolean form
    if (v < bound || (exclusive && v == bound)) issue(out, ptr, "below minimum");
  }
  if (num(s, "maximum", bound)) {
    bool exclusive = s.value("exclusiveMaximum", json(false)) == true;
    if (v > bound || (exclusive && v == bound)) issue(out, ptr, "above maximum");
  }
  if (num(s, "exclusiveMinimum", bound) && v <= bound) issue(out, ptr, "not above exclusiveMinimum");
  if (num(s, "exclusiveMaximum", bound) && v >= bound) issue(out, ptr, "not below exclusiveMaximum");
  if (num(s, "multipleOf", bound) && bound > 0) {
    double q = v / bound;
    if (!std::isfinite(q) || std::fabs(q - std::round(q)) > 1e-9 * std::max(1.0, std::fabs(q)))
      issue(out, ptr, "not a multiple of " + s["multipleOf"].dump());
  }
}

void SchemaValidator::check_object(const json& s, const json& value, const std::string& ptr, int depth,
                                   ValidationResult& out) const {
  double bound;
  if (num(s, "minProperties", bound) && value.size() < bound) issue(out, ptr, "fewer properties than minProperties");
  if (num(s, "maxProperties", bound) && value.size() > bound) issue(out, ptr, "more properties than maxProperties");
  if (auto req = s.find("required"); req != s.end() && req->is_array())
    for (const auto& r : *req)
      if (r.is_string() && !value.contains(r.get<std::string>()))
        issue(out, ptr, "missing required property '" + r.get<std::string>() + "'");
  const json* props = s.contains("properties") && s["properties"].is_object() ? &s["properties"] : nullptr;
  const json* pattern_props = s.contains("patternProperties") && s["patternProperties"].is_object() ? &s["patternProperties"] : nullptr;
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::string child = ptr + "/" + escape_token(it.key());
    bool declared = false;
    if (props && props->contains(it.key())) {
      declared = true;
      check((*props)[it.key()], it.value(), child, depth + 1, out);
    }
    if (pattern_props)
      for (auto pp = pattern_props->begin(); pp != pattern_props->end(); ++pp)
        if (patterns_.search(pp.key(), it.key()).value_or(false)) {
          declared = true;
          check(pp.value(), it.value(), child, depth + 1, out);
        }
    if (!declared && s.contains("additionalProperties")) check(s["additionalProperties"], it.value(), child, depth + 1, out);
    if (s.contains("propertyNames")) check(s["propertyNames"], json(it.key()), child, depth + 1, out);
  }
}

void SchemaValidator::check_array(const json& s, const json& value, const std::string& ptr, int depth,
                                  ValidationResult& out) const {
  double bound;
  if (num(s, "minItems", bound) && value.size() < bound) issue(out, ptr, "fewer items than minItems");
  if (num(s, "maxItems", bound) && value.size() > bound) issue(out, ptr, "more items than maxItems");
  if (s.contains("uniqueItems") && s["uniqueItems"] == true)
    for (size_t i = 0; i < value.size() && i < 256; ++i)
      for (size_t j = i + 1; j < value.size() && j < 256; ++j)
        if (value[i] == value[j]) return issue(out, ptr, "items are not unique");
  // Tuple forms: 2020-12 prefixItems + items, or draft-07 items array + additionalItems.
  const json* prefix = nullptr;
  const json* rest = nullptr;
  if (s.contains("prefixItems") && s["prefixItems"].is_array()) {
    prefix = &s["prefixItems"];
    if (s.contains("items")) rest = &s["items"];
  } else if (s.contains("items") && s["items"].is_array()) {
    prefix = &s["items"];
    if (s.contains("additionalItems")) rest = &s["additionalItems"];
  } else if (s.contains("items")) {
    rest = &s["items"];
  }
  for (size_t i = 0; i < value.size(); ++i) {
    const json* item_schema = prefix && i < prefix->size() ? &(*prefix)[i] : rest;
    if (item_schema) check(*item_schema, value[i], ptr + "/" + std::to_string(i), depth + 1, out);
  }
  if (auto c = s.find("contains"); c != s.end()) {
    size_t hits = 0;
    for (const auto& item : value) hits += accepts(item, *c);
    double min_contains = 1;
    num(s, "minContains", min_contains);
    if (hits < min_contains) issue(out, ptr, "too few items match `contains`");
  }
}

void SchemaValidator::check_combinators(const json& s, const json& value, const std::string& ptr, int depth,
                                        ValidationResult& out) const {
  auto sub = [&](const json& schema) {
    ValidationResult r;
    check(schema, value, ptr, depth + 1, r);
    out.unchecked_patterns += r.unchecked_patterns;
    return r;
  };
  if (auto all = s.find("allOf"); all != s.end() && all->is_array())
    for (const auto& member : *all) check(member, value, ptr, depth + 1, out);
  for (const char* key : {"anyOf", "oneOf"}) {
    auto branches = s.find(key);
    if (branches == s.end() || !branches->is_array()) continue;
    size_t matched = 0;
    for (const auto& b : *branches) matched += sub(b).valid();
    if (matched == 0) issue(out, ptr, std::string("matches no branch of ") + key);
    if (std::string(key) == "oneOf" && matched > 1) issue(out, ptr, "matches more than one branch of oneOf");
  }
  if (auto n = s.find("not"); n != s.end() && sub(*n).valid()) issue(out, ptr, "matches the `not` schema");
  if (auto cond = s.find("if"); cond != s.end()) {
    const char* branch = sub(*cond).valid() ? "then" : "else";
    if (s.contains(branch)) check(s[branch], value, ptr, depth + 1, out);
  }
}

}  // namespace assay::fuzz
