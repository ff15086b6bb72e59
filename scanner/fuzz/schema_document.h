// One tool's inputSchema as a document: local $ref resolution and the merging of $ref and allOf
// into a single node, so the generator and the field walker see one set of constraints.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/fuzz/schema_limits.h"

namespace assay::fuzz {

using nlohmann::json;

class SchemaDocument {
 public:
  explicit SchemaDocument(json root, SchemaLimits limits = {});

  const json& root() const { return root_; }
  const SchemaLimits& limits() const { return limits_; }

  // Local references only: "#", "#/$defs/x", "#/definitions/x", any JSON pointer, with ~0 ~1
  // and %-escapes. Returns nullptr for remote or dangling references.
  const json* resolve_ref(const std::string& ref) const;

  // The node with $ref and allOf folded in (bounded by max_ref_chain). A boolean `true` or a
  // non-object becomes {}; `false` becomes {"not": {}}. Unresolvable references count as {}
  // and leave a note.
  json flatten(const json& schema) const;

  // What the generator and walker noticed and tolerated (dangling $ref, garbage nodes).
  const std::vector<std::string>& notes() const { return notes_; }
  void note(const std::string& n) const;

 private:
  json flatten_at(const json& schema, int hops, int& expansions) const;

  json root_;
  SchemaLimits limits_;
  mutable std::vector<std::string> notes_;
};

// Folds `b`'s constraints into `a` (both flat objects): types intersect, required unions,
// bounds tighten, enums intersect, properties present in both become allOf of the two.
void merge_constraints(json& a, const json& b);

// The JSON types a flat schema allows, from `type` (string or array) and OpenAPI `nullable`;
// "number" includes "integer". Empty when `type` is absent.
std::vector<std::string> declared_types(const json& flat);

}  // namespace assay::fuzz
