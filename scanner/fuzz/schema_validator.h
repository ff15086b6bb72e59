// Checks a JSON value against the JSON Schema subset the generator writes for: type (arrays,
// nullable), enum, const, string/number/array/object bounds, pattern (RE2), known formats,
// properties, required, additionalProperties, patternProperties, propertyNames, items,
// prefixItems, contains, allOf/anyOf/oneOf/not, if/then/else, local $ref. Bounded like the
// generator; a schema it cannot follow is reported, never crashed on.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/fuzz/ecma_pattern.h"
#include "scanner/fuzz/schema_document.h"

namespace assay::fuzz {

struct ValidationIssue {
  std::string pointer;  // where in the instance
  std::string message;
};

struct ValidationResult {
  std::vector<ValidationIssue> issues;
  int unchecked_patterns = 0;  // patterns RE2 cannot run (look-around, back-references)
  bool valid() const { return issues.empty(); }
};

class SchemaValidator {
 public:
  explicit SchemaValidator(const SchemaDocument& doc) : doc_(doc) {}

  ValidationResult validate(const json& instance) const { return validate(instance, doc_.root()); }
  ValidationResult validate(const json& instance, const json& schema) const;
  bool accepts(const json& instance, const json& schema) const { return validate(instance, schema).valid(); }

 private:
  void check(const json& schema, const json& value, const std::string& ptr, int depth, ValidationResult& out) const;
  void check_string(const json& s, const std::string& value, const std::string& ptr, ValidationResult& out) const;
  void check_number(const json& s, const json& value, const std::string& ptr, ValidationResult& out) const;
  void check_object(const json& s, const json& value, const std::string& ptr, int depth, ValidationResult& out) const;
  void check_array(const json& s, const json& value, const std::string& ptr, int depth, ValidationResult& out) const;
  void check_combinators(const json& s, const json& value, const std::string& ptr, int depth, ValidationResult& out) const;
  void issue(ValidationResult& out, const std::string& ptr, const std::string& message) const;

  const SchemaDocument& doc_;
  mutable PatternCache patterns_;
  mutable long steps_ = 0;   // schema nodes visited in the current top-level validate()
  mutable int nesting_ = 0;
};

// Whether `value` is an instance of JSON type name `type` ("integer" = a number with no fraction).
bool has_json_type(const json& value, const std::string& type);

// Length in Unicode code points, as JSON Schema counts it.
std::size_t code_points(const std::string& s);

}  // namespace assay::fuzz
