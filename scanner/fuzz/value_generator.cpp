// Schema-driven generation of valid values, generate-and-check at every level.
#include "scanner/fuzz/value_generator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scanner/fuzz/field_role.h"
#include "scanner/fuzz/regex_sample.h"
#include "scanner/fuzz/string_formats.h"

namespace assay::fuzz {
namespace {

bool has_any(const json& flat, std::initializer_list<const char*> keys) {
  return std::any_of(keys.begin(), keys.end(), [&](const char* k) { return flat.contains(k); });
}

double number_or(const json& flat, const char* key, double fallback) {
  auto it = flat.find(key);
  return it != flat.end() && it->is_number() ? it->get<double>() : fallback;
}

std::string salted(const std::string& base, int salt) { return salt == 0 ? base : base + std::to_string(salt); }

// A role-shaped string for a field: what a person calling the tool would plausibly pass.
std::string role_sample(const std::vector<FieldRole>& roles, const std::string& name, const std::string& root, int salt) {
  auto has = [&](FieldRole r) { return std::find(roles.begin(), roles.end(), r) != roles.end(); };
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool dir_like = lower.find("dir") != std::string::npos || lower.find("folder") != std::string::npos;
  if (has(FieldRole::url)) return "https://example.com/" + salted("item", salt);
  if (has(FieldRole::path)) return dir_like ? salted(root, salt) : root + "/" + salted("sample", salt) + ".txt";
  if (has(FieldRole::host)) return salted("example", salt) + ".com";
  if (has(FieldRole::command)) return salted("echo assay", salt);
  if (has(FieldRole::expression)) return "1+" + std::to_string(1 + salt);
  if (has(FieldRole::query)) return salted("test", salt);
  if (has(FieldRole::template_text)) return salted("Hello", salt);
  return salted("sample", salt);
}

json as_number(double v, bool integer) {
  if (integer || (std::floor(v) == v && std::fabs(v) < 9e15)) return json(static_cast<long long>(v));
  return json(v);
}

}  // namespace

std::vector<std::string> candidate_types(const json& flat) {
  std::vector<std::string> types = declared_types(flat);
  if (flat.contains("type")) {
    std::stable_partition(types.begin(), types.end(), [](const std::string& t) { return t != "null"; });
    return types;
  }
  if (has_any(flat, {"properties", "required", "additionalProperties", "patternProperties", "minProperties"}))
    types.push_back("object");
  if (has_any(flat, {"items", "prefixItems", "minItems", "maxItems", "contains"})) types.push_back("array");
  if (has_any(flat, {"minLength", "maxLength", "pattern", "format"})) types.push_back("string");
  if (has_any(flat, {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"})) types.push_back("number");
  if (types.empty()) types.push_back("string");
  return types;
}

ValueGenerator::ValueGenerator(const SchemaDocument& doc, const SchemaValidator& validator, std::string root_dir)
    : doc_(doc), validator_(validator), root_dir_(std::move(root_dir)) {}

std::optional<json> ValueGenerator::generate(const json& schema, const FieldHint& hint, int salt) {
  nodes_ = 0;
  return gen(schema, hint, 0, salt);
}

std::optional<json> ValueGenerator::gen(const json& schema, const FieldHint& given_hint, int depth, int salt) {
  const SchemaLimits& lim = doc_.limits();
  if (++nodes_ > lim.max_nodes) {
    doc_.note("schema needs more than " + std::to_string(lim.max_nodes) + " generated values; stopped");
    return std::nullopt;
  }
  if (depth > lim.max_depth) return std::nullopt;
  json flat = doc_.flatten(schema);
  if (flat.contains("not") && flat["not"] == json::object()) return std::nullopt;  // `false`
  FieldHint hint = given_hint;
  if (auto d = flat.find("description"); d != flat.end() && d->is_string() && hint.description.empty())
    hint.description = d->get<std::string>();

  if (auto c = flat.find("const"); c != flat.end()) return *c;
  if (auto e = flat.find("enum"); e != flat.end() && e->is_array()) {
    if (e->empty()) return std::nullopt;
    size_t n = std::min(e->size(), lim.max_branches);
    for (size_t k = 0; k < n; ++k) {
      const json& member = (*e)[(k + static_cast<size_t>(salt)) % e->size()];
      if (validator_.accepts(member, flat)) return member;
    }
    return (*e)[static_cast<size_t>(salt) % e->size()];
  }
  if (salt == 0) {
    if (auto d = flat.find("default"); d != flat.end() && validator_.accepts(*d, schema)) return *d;
    if (auto ex = flat.find("examples"); ex != flat.end() && ex->is_array())
      for (size_t k = 0; k < ex->size() && k < lim.max_branches; ++k)
        if (validator_.accepts((*ex)[k], schema)) return (*ex)[k];
  }
  for (const char* key : {"oneOf", "anyOf"})
    if (flat.contains(key) && flat[key].is_array() && !flat[key].empty())
      return gen_branches(schema, flat, key, hint, depth, salt);

  if (flat.contains("type") && declared_types(flat).empty()) return std::nullopt;  // types that cannot meet
  std::optional<json> fallback;
  for (const auto& type : candidate_types(flat)) {
    auto v = gen_typed(flat, type, hint, depth, salt);
    if (!v) continue;
    if (validator_.accepts(*v, schema)) return v;
    if (!fallback) fallback = std::move(v);
  }
  return fallback;
}

std::optional<json> ValueGenerator::gen_branches(const json& schema, const json& flat, const char* key,
                                                 const FieldHint& hint, int depth, int salt) {
  json rest = flat;
  rest.erase(key);
  std::vector<json> branches;
  for (const auto& b : flat[key]) {
    if (branches.size() >= doc_.limits().max_branches) break;
    json merged = rest;
    merge_constraints(merged, doc_.flatten(b));
    branches.push_back(std::move(merged));
  }
  // A null branch is valid but tells the handler nothing: try it last.
  std::stable_partition(branches.begin(), branches.end(),
                        [](const json& b) { return candidate_types(b) != std::vector<std::string>{"null"}; });
  std::optional<json> fallback;
  for (size_t k = 0; k < branches.size(); ++k) {
    auto v = gen(branches[(k + static_cast<size_t>(salt)) % branches.size()], hint, depth + 1, salt);
    if (!v) continue;
    if (validator_.accepts(*v, schema)) return v;
    if (!fallback) fallback = std::move(v);
  }
  return fallback;
}

std::optional<json> ValueGenerator::gen_typed(const json& flat, const std::string& type, const FieldHint& hint,
                                              int depth, int salt) {
  if (type == "string") return gen_string(flat, hint, salt);
  if (type == "integer" || type == "number") return gen_number(flat, type == "integer", salt);
  if (type == "boolean") return json(salt % 2 == 1);
  if (type == "null") return json(nullptr);
  if (type == "object") return gen_object(flat, depth, salt);
  if (type == "array") return gen_array(flat, hint, depth, salt);
  return std::nullopt;
}

std::optional<json> ValueGenerator::gen_string(const json& flat, const FieldHint& hint, int salt) {
  const SchemaLimits& lim = doc_.limits();
  auto min_len = static_cast<size_t>(std::max(0.0, number_or(flat, "minLength", 0)));
  auto max_len = static_cast<size_t>(std::clamp(number_or(flat, "maxLength", 1e18), 0.0, 1e18));
  if (min_len > lim.max_string) {
    doc_.note("minLength " + std::to_string(min_len) + " is beyond the generator's limit");
    return std::nullopt;
  }
  std::string format = flat.contains("format") && flat["format"].is_string() ? flat["format"].get<std::string>() : "";
  std::vector<std::string> candidates;
  if (flat.contains("pattern") && flat["pattern"].is_string()) {
    auto s = sample_matching(flat["pattern"].get<std::string>(), {min_len, std::min(max_len, lim.max_string)}, salt);
    if (s) candidates.push_back(*s);
  }
  if (auto f = sample_for_format(format, salt)) candidates.push_back(*f);
  candidates.push_back(role_sample(classify_field(hint.name, hint.description, format), hint.name, root_dir_, salt));
  candidates.push_back(salted("sample", salt));
  std::optional<json> fallback;
  for (std::string c : candidates) {
    if (code_points(c) < min_len) c += std::string(min_len - code_points(c), 'a');
    if (code_points(c) > max_len) c = std::string(max_len, 'a');
    json v = c;
    if (validator_.accepts(v, flat)) return v;
    if (!fallback) fallback = v;
  }
  return fallback;
}

std::optional<json> ValueGenerator::gen_number(const json& flat, bool integer, int salt) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  double lo = number_or(flat, "minimum", -inf), hi = number_or(flat, "maximum", inf);
  double step = number_or(flat, "multipleOf", 0);
  // Draft-06+ numeric exclusives, and the draft-04 boolean ones that modify minimum/maximum.
  double xlo = flat.contains("exclusiveMinimum") && flat["exclusiveMinimum"].is_number() ? flat["exclusiveMinimum"].get<double>()
               : flat.value("exclusiveMinimum", json(false)) == true                       ? lo
                                                                                           : -inf;
  double xhi = flat.contains("exclusiveMaximum") && flat["exclusiveMaximum"].is_number() ? flat["exclusiveMaximum"].get<double>()
               : flat.value("exclusiveMaximum", json(false)) == true                       ? hi
                                                                                           : inf;
  std::vector<double> candidates = {1.0 + salt, 0};
  auto above = [&](double bound) {  // the first value past an exclusive lower bound
    if (integer) return std::floor(bound) + 1;
    double upper = std::min(hi, xhi);
    return std::isfinite(upper) && upper > bound ? bound + (upper - bound) / 2 : bound + 1;
  };
  if (std::isfinite(lo)) candidates.push_back((integer ? std::ceil(lo) : lo) + salt);
  if (std::isfinite(xlo)) candidates.push_back(above(xlo) + (integer ? salt : 0));
  if (std::isfinite(hi)) candidates.push_back(integer ? std::floor(hi) : hi);
  if (std::isfinite(xhi)) candidates.push_back(integer ? std::ceil(xhi) - 1 : xhi - 1);
  if (std::isfinite(lo) && std::isfinite(hi)) candidates.push_back(integer ? std::floor((lo + hi) / 2) : (lo + hi) / 2);
  if (step > 0) {
    double from = std::max(std::isfinite(lo) ? lo : 0, std::isfinite(xlo) ? xlo + step / 2 : -inf);
    candidates.push_back(std::ceil(from / step) * step + salt * step);
    candidates.push_back(step * (1 + salt));
  }
  std::optional<json> fallback;
  for (double c : candidates) {
    if (!std::isfinite(c)) continue;
    json v = as_number(c, integer);
    if (validator_.accepts(v, flat)) return v;
    if (!fallback) fallback = v;
  }
  return fallback;
}

std::optional<json> ValueGenerator::gen_object(const json& flat, int depth, int salt) {
  json obj = json::object();
  const json empty = json::object();
  const json& props = flat.contains("properties") && flat["properties"].is_object() ? flat["properties"] : empty;
  auto schema_for = [&](const std::string& name) -> json {
    if (props.contains(name)) return props[name];
    if (flat.contains("additionalProperties") && flat["additionalProperties"].is_object()) return flat["additionalProperties"];
    return json::object();
  };
  auto add = [&](const std::string& name) {
    FieldHint hint{name, ""};
    auto v = gen(schema_for(name), hint, depth + 1, salt);
    if (!v) return false;
    obj[name] = std::move(*v);
    return true;
  };
  if (auto req = flat.find("required"); req != flat.end() && req->is_array())
    for (const auto& r : *req)
      if (r.is_string() && !obj.contains(r.get<std::string>()) && !add(r.get<std::string>())) return std::nullopt;
  auto min_props = static_cast<size_t>(std::max(0.0, number_or(flat, "minProperties", 0)));
  for (auto it = props.begin(); it != props.end() && obj.size() < min_props; ++it)
    if (!obj.contains(it.key())) add(it.key());
  return obj;
}

std::optional<json> ValueGenerator::gen_array(const json& flat, const FieldHint& hint, int depth, int salt) {
  const SchemaLimits& lim = doc_.limits();
  const json* prefix = nullptr;
  json rest = json::object();
  if (flat.contains("prefixItems") && flat["prefixItems"].is_array()) {
    prefix = &flat["prefixItems"];
    if (flat.contains("items")) rest = flat["items"];
  } else if (flat.contains("items") && flat["items"].is_array()) {
    prefix = &flat["items"];
    if (flat.contains("additionalItems")) rest = flat["additionalItems"];
  } else if (flat.contains("items")) {
    rest = flat["items"];
  }
  auto min_items = static_cast<size_t>(std::max(0.0, number_or(flat, "minItems", 0)));
  auto max_items = static_cast<size_t>(std::clamp(number_or(flat, "maxItems", 1e9), 0.0, 1e9));
  bool shallow = depth > lim.soft_depth;  // past here, only what is required: ends recursive schemas
  size_t want = shallow ? 0 : prefix ? prefix->size() : 1;
  size_t count = std::min(std::max(min_items, want), max_items);
  if (count > lim.max_array) {
    doc_.note("minItems " + std::to_string(count) + " is beyond the generator's limit");
    return std::nullopt;
  }
  bool unique = flat.contains("uniqueItems") && flat["uniqueItems"] == true;
  json arr = json::array();
  for (size_t i = 0; i < count; ++i) {
    const json& item_schema = prefix && i < prefix->size() ? (*prefix)[i] : rest;
    auto v = gen(item_schema, hint, depth + 1, unique ? salt + static_cast<int>(i) : salt);
    if (!v) return std::nullopt;
    arr.push_back(std::move(*v));
  }
  return arr;
}

}  // namespace assay::fuzz
