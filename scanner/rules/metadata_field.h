// Flattens an inventory into the list of text fields the metadata rules look at.
#pragma once
#include <string>
#include <vector>

#include "scanner/model/inventory.h"
#include "scanner/rules/field_kind.h"

namespace assay::rules {

struct MetadataField {
  FieldKind kind;
  std::string text;     // as the server declared it (valid UTF-8 or not)
  std::string logical;  // weather/tools/get_forecast/inputSchema/properties/city/description
  std::string pointer;  // JSON pointer into the inventory's source document ("" when unknown)
  std::string tool;     // the tool, prompt or resource the field belongs to
  std::string param;    // the parameter (schema property or prompt argument), if any
};

// Bounds that keep a hostile schema (deep nesting, huge enums) from costing unbounded time.
struct FieldLimits {
  int max_schema_depth = 32;
  size_t max_fields_per_entity = 5000;
  size_t max_rendered_value_bytes = 4096;  // non-string defaults/examples are rendered as JSON
};

std::vector<MetadataField> collect_fields(const Inventory& inventory, const FieldLimits& limits = {});

// JSON pointer escaping (RFC 6901): "~" -> "~0", "/" -> "~1".
std::string pointer_escape(const std::string& token);

}  // namespace assay::rules
