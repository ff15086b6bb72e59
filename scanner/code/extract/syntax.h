// Small helpers over tree-sitter nodes shared by the extractor and the taint engine.
#pragma once
#include <tree_sitter/api.h>

#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/code/parse.h"

namespace assay::code::syntax {

inline bool is_null(TSNode n) { return ts_node_is_null(n); }
inline std::string_view kind(TSNode n) { return is_null(n) ? std::string_view{} : ts_node_type(n); }
inline bool is(TSNode n, std::string_view k) { return !is_null(n) && kind(n) == k; }
inline TSNode field(TSNode n, const char* name) {
  return is_null(n) ? n : ts_node_child_by_field_name(n, name, static_cast<uint32_t>(std::strlen(name)));
}
inline bool same(TSNode a, TSNode b) {
  return !is_null(a) && !is_null(b) && ts_node_start_byte(a) == ts_node_start_byte(b) &&
         ts_node_end_byte(a) == ts_node_end_byte(b) && ts_node_symbol(a) == ts_node_symbol(b);
}
// Whether `inner` lies within `outer` (byte ranges; a node contains itself).
inline bool contains(TSNode outer, TSNode inner) {
  return !is_null(outer) && !is_null(inner) && ts_node_start_byte(outer) <= ts_node_start_byte(inner) &&
         ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

std::vector<TSNode> named_children(TSNode n);
// The first named child of a given kind, or a null node.
TSNode child_of_kind(TSNode n, std::string_view k);
// Strips wrappers that do not change a value: parentheses, await, TS casts and non-null
// assertions, Go/Python parenthesized expressions.
TSNode unwrap(TSNode n);

// Pre-order walk; `visit` returns false to skip a node's children. Iterative (hostile,
// deeply nested files must not overflow the stack).
void walk(TSNode root, const std::function<bool(TSNode)>& visit);

// A string literal's value with escapes resolved, when the node is a plain literal without
// interpolation: JS string / template_string without substitutions, Python string without
// interpolation (and implicit concatenation of such), Go interpreted/raw string literals.
bool literal_string(const ParsedFile& file, TSNode n, std::string& out);

// Whether a node is any kind of function (declaration, expression, arrow, lambda, method, Go
// func literal).
bool is_function(TSNode n);
// The body node of a function; null if none.
TSNode function_body(TSNode fn);
// The parameter list node of a function.
TSNode function_parameters(TSNode fn);
// The names bound by each parameter, in order; a destructuring parameter binds several names.
std::vector<std::vector<std::string>> parameter_names(const ParsedFile& file, TSNode fn);
// Every identifier name a pattern binds (JS object/array patterns, Python tuples, Go lists).
void bound_names(const ParsedFile& file, TSNode pattern, std::vector<std::string>& out);

}  // namespace assay::code::syntax
