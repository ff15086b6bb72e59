// Bounds on how far the fuzzer follows a schema: a tool's inputSchema is written by the server
// under test and may be deep, huge, self-referential or not a schema at all.
#pragma once
#include <cstddef>

namespace assay::fuzz {

struct SchemaLimits {
  int max_depth = 24;              // nesting of objects, arrays and combinators followed
  int soft_depth = 6;              // beyond this, generate only what is required (ends recursive schemas)
  int max_ref_chain = 32;          // $ref / allOf hops merged into one node
  int max_ref_expansions = 256;    // $ref / allOf nodes merged into one node, in total
  int max_nodes = 4000;            // values generated for one tool
  std::size_t max_string = 64 * 1024;   // longest string the generator writes (minLength beyond: unsatisfied)
  std::size_t max_array = 64;            // most items the generator writes (minItems beyond: unsatisfied)
  std::size_t max_branches = 16;         // anyOf / oneOf / enum members tried
  std::size_t max_issues = 32;           // validation issues collected
  long max_validation_steps = 200000;    // schema nodes one validation may visit
  int max_schema_depth = 64;             // JSON nesting kept of a schema (the corpus's deepest: 21)
  long max_schema_nodes = 100000;        // JSON nodes kept of a schema (the corpus's largest: 323)
};

}  // namespace assay::fuzz
