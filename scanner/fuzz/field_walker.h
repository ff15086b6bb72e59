// The places in a tool's arguments where one payload can go: every property (declared ones the
// baseline left out too, since handlers read optional fields) and the first item of every
// array, at any depth, each with the arguments that carry it.
#pragma once
#include <string>
#include <vector>

#include "scanner/fuzz/field_role.h"
#include "scanner/fuzz/value_generator.h"

namespace assay::fuzz {

struct Field {
  std::string path;            // "options.path", "files[0]": what reports show
  std::string pointer;         // "/options/path", "/files/0": where the executor writes
  std::string name;            // the property name the field hangs from
  std::string description;
  json schema;                 // the flat schema at this place (the branch the baseline took)
  std::vector<FieldRole> roles;
  bool accepts_string = false;
  bool constrained = false;    // enum or const: a validating server rejects anything else
  json baseline_value;         // what the carrier holds at `pointer`
  json carrier;                // valid arguments with this field present
};

struct FieldWalkLimits {
  std::size_t max_fields = 64;
  int max_depth = 8;
};

// `baseline` is the tool's baseline arguments (an object).
std::vector<Field> walk_fields(const SchemaDocument& doc, const SchemaValidator& validator, ValueGenerator& generator,
                               const json& baseline, FieldWalkLimits limits = {});

}  // namespace assay::fuzz
