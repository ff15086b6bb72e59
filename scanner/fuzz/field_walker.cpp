// Walks schema and baseline together to list fuzzable fields.
#include "scanner/fuzz/field_walker.h"

#include <algorithm>

namespace assay::fuzz {
namespace {

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

class Walker {
 public:
  Walker(const SchemaDocument& doc, const SchemaValidator& v, ValueGenerator& g, FieldWalkLimits lim)
      : doc_(doc), validator_(v), generator_(g), limits_(lim) {}

  std::vector<Field> fields;

  void walk(const json& schema, const json& value, const std::string& pointer, const std::string& path,
            const std::string& name, std::string description, const json& carrier, int depth) {
    if (fields.size() >= limits_.max_fields || depth > limits_.max_depth) return;
    json whole = doc_.flatten(schema);
    bool strings = admits_strings(whole, 0);
    json flat = chosen_branch(whole, value);
    if (auto d = flat.find("description"); d != flat.end() && d->is_string()) description = d->get<std::string>();
    if (!pointer.empty()) add_field(flat, value, strings, pointer, path, name, description, carrier);
    if (value.is_object() && flat.contains("properties") && flat["properties"].is_object()) {
      for (auto it = flat["properties"].begin(); it != flat["properties"].end(); ++it) {
        std::string child_ptr = pointer + "/" + pointer_token(it.key());
        std::string child_path = path.empty() ? it.key() : path + "." + it.key();
        if (value.contains(it.key())) {
          walk(it.value(), value[it.key()], child_ptr, child_path, it.key(), "", carrier, depth + 1);
          continue;
        }
        auto generated = generator_.generate(it.value(), {it.key(), ""});
        if (!generated) continue;
        json with_field = carrier;
        with_field[json::json_pointer(child_ptr)] = *generated;
        walk(it.value(), *generated, child_ptr, child_path, it.key(), "", with_field, depth + 1);
      }
    }
    if (value.is_array() && !value.empty()) {
      json item_schema = json::object();
      if (flat.contains("prefixItems") && flat["prefixItems"].is_array() && !flat["prefixItems"].empty())
        item_schema = flat["prefixItems"][0];
      else if (flat.contains("items") && flat["items"].is_array() && !flat["items"].empty())
        item_schema = flat["items"][0];
      else if (flat.contains("items"))
        item_schema = flat["items"];
      walk(item_schema, value[0], pointer + "/0", path + "[0]", name, description, carrier, depth + 1);
    }
  }

 private:
  // Under anyOf/oneOf the field lives in the branch its value took.
  json chosen_branch(json flat, const json& value) {
    for (const char* key : {"oneOf", "anyOf"}) {
      if (!flat.contains(key) || !flat[key].is_array()) continue;
      json rest = flat;
      rest.erase(key);
      size_t tried = 0;
      for (const auto& b : flat[key]) {
        if (++tried > doc_.limits().max_branches) break;
        json merged = rest;
        merge_constraints(merged, doc_.flatten(b));
        if (validator_.accepts(value, merged)) return merged;
      }
    }
    return flat;
  }

  // Whether any branch of the schema takes a string: such a field gets string payloads even
  // when its baseline took another branch.
  bool admits_strings(const json& flat, int depth) {
    for (const char* key : {"oneOf", "anyOf"}) {
      if (!flat.contains(key) || !flat[key].is_array()) continue;
      size_t tried = 0;
      for (const auto& b : flat[key]) {
        if (++tried > doc_.limits().max_branches || depth > 2) break;
        json merged = flat;
        merged.erase(key);
        merge_constraints(merged, doc_.flatten(b));
        if (admits_strings(merged, depth + 1)) return true;
      }
      return false;
    }
    auto types = candidate_types(flat);
    return std::find(types.begin(), types.end(), "string") != types.end();
  }

  void add_field(const json& flat, const json& value, bool strings, const std::string& pointer, const std::string& path,
                 const std::string& name, const std::string& description, const json& carrier) {
    Field f;
    f.path = path;
    f.pointer = pointer;
    f.name = name;
    f.description = description;
    f.schema = flat;
    std::string format = flat.contains("format") && flat["format"].is_string() ? flat["format"].get<std::string>() : "";
    f.roles = classify_field(name, description, format);
    f.accepts_string = strings || value.is_string();
    f.constrained = flat.contains("enum") || flat.contains("const");
    f.baseline_value = value;
    f.carrier = carrier;
    fields.push_back(std::move(f));
  }

  const SchemaDocument& doc_;
  const SchemaValidator& validator_;
  ValueGenerator& generator_;
  FieldWalkLimits limits_;
};

}  // namespace

std::vector<Field> walk_fields(const SchemaDocument& doc, const SchemaValidator& validator, ValueGenerator& generator,
                               const json& baseline, FieldWalkLimits limits) {
  Walker w(doc, validator, generator, limits);
  if (baseline.is_object()) w.walk(doc.root(), baseline, "", "", "", "", baseline, 0);
  return std::move(w.fields);
}

}  // namespace assay::fuzz
