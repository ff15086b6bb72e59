// Writes a valid value for a JSON Schema: the baseline a handler accepts, so that a payload put
// into one field reaches the code behind it. Prefers what the schema itself offers (const,
// enum, default, examples), then format, pattern and the field's role ("/workdir/sample.txt"
// for a path), and checks every choice with the validator.
#pragma once
#include <optional>
#include <string>

#include "scanner/fuzz/schema_document.h"
#include "scanner/fuzz/schema_validator.h"

namespace assay::fuzz {

// What the generator knows about the field it writes: its property name and description.
struct FieldHint {
  std::string name;
  std::string description;
};

class ValueGenerator {
 public:
  // `root_dir` is where path-like fields point in a baseline: the directory the server was
  // given (or the sandbox work dir), so a file tool gets a path it is allowed to use.
  ValueGenerator(const SchemaDocument& doc, const SchemaValidator& validator, std::string root_dir);

  // A value for `schema` (valid when the schema can be met within the limits; else the closest
  // attempt); nullopt when not even that. `salt` > 0 asks for a different value.
  std::optional<json> generate(const json& schema, const FieldHint& hint = {}, int salt = 0);

 private:
  std::optional<json> gen(const json& schema, const FieldHint& hint, int depth, int salt);
  std::optional<json> gen_branches(const json& schema, const json& flat, const char* key, const FieldHint& hint,
                                   int depth, int salt);
  std::optional<json> gen_typed(const json& flat, const std::string& type, const FieldHint& hint, int depth, int salt);
  std::optional<json> gen_string(const json& flat, const FieldHint& hint, int salt);
  std::optional<json> gen_number(const json& flat, bool integer, int salt);
  std::optional<json> gen_object(const json& flat, int depth, int salt);
  std::optional<json> gen_array(const json& flat, const FieldHint& hint, int depth, int salt);

  const SchemaDocument& doc_;
  const SchemaValidator& validator_;
  std::string root_dir_;
  int nodes_ = 0;
};

// The JSON types to try for a flat schema, most useful first and null last: the declared ones,
// or the ones its keywords imply, or "string" for a schema that says nothing.
std::vector<std::string> candidate_types(const json& flat);

}  // namespace assay::fuzz
