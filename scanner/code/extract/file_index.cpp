// One pass over a parsed file recording bindings, functions, members and Go struct types.
#include "scanner/code/extract/file_index.h"

#include "scanner/code/extract/syntax.h"

namespace assay::code {

using namespace syntax;

TSNode FileIndex::unique_value(const std::string& name) const {
  auto range = values.equal_range(name);
  if (range.first == range.second || std::next(range.first) != range.second) return TSNode{};
  return range.first->second;
}

std::vector<TSNode> FileIndex::resolve_function(const std::string& name, size_t limit) const {
  std::vector<TSNode> out;
  auto add = [&](TSNode fn) {
    for (TSNode seen : out)
      if (same(seen, fn)) return;
    if (out.size() < limit) out.push_back(fn);
  };
  auto fr = functions.equal_range(name);
  for (auto it = fr.first; it != fr.second; ++it) add(it->second);
  auto mr = members.equal_range(name);
  for (auto it = mr.first; it != mr.second; ++it) {
    TSNode v = unwrap(it->second);
    if (is_function(v)) {
      add(v);
    } else if (is(v, "identifier") && file) {
      auto inner = functions.equal_range(std::string(file->text(v)));
      for (auto jt = inner.first; jt != inner.second; ++jt) add(jt->second);
    }
  }
  return out;
}

namespace {

void record_binding(FileIndex& idx, const ParsedFile& f, TSNode name, TSNode value) {
  if (is_null(name)) return;
  if (is(name, "identifier")) {
    std::string n(f.text(name));
    if (idx.values.count(n)) idx.mutated.insert(n);
    if (!is_null(value)) {
      idx.values.emplace(n, value);
      if (is_function(unwrap(value))) idx.functions.emplace(n, unwrap(value));
    }
  }
}

}  // namespace

FileIndex build_file_index(const ParsedFile& f) {
  FileIndex idx;
  idx.file = &f;
  walk(f.root(), [&](TSNode n) {
    std::string_view k = kind(n);
    if (k == "variable_declarator") {
      record_binding(idx, f, field(n, "name"), field(n, "value"));
    } else if (k == "assignment_expression" || k == "assignment") {
      TSNode left = field(n, "left");
      TSNode right = field(n, "right");
      if (is(left, "identifier")) {
        std::string name(f.text(left));
        if (idx.values.count(name) || k == "assignment_expression") idx.mutated.insert(name);
        idx.values.emplace(name, right);
        if (is_function(unwrap(right))) idx.functions.emplace(name, unwrap(right));
      } else if (is(left, "member_expression") && is_function(unwrap(right))) {
        // exports.handler = function () {}, Foo.prototype.run = ...
        TSNode prop = field(left, "property");
        if (!is_null(prop)) idx.functions.emplace(std::string(f.text(prop)), unwrap(right));
      }
    } else if (k == "augmented_assignment_expression" || k == "update_expression" ||
               k == "augmented_assignment" || k == "inc_statement" || k == "dec_statement") {
      TSNode target = field(n, "left");
      if (is_null(target)) target = field(n, "argument");
      if (is_null(target) && ts_node_named_child_count(n) > 0) target = ts_node_named_child(n, 0);
      if (is(target, "identifier")) idx.mutated.insert(std::string(f.text(target)));
    } else if (k == "function_declaration" || k == "generator_function_declaration" ||
               k == "method_definition" || k == "function_definition" || k == "method_declaration") {
      TSNode name = field(n, "name");
      if (!is_null(name)) idx.functions.emplace(std::string(f.text(name)), n);
    } else if (k == "pair") {
      TSNode key = field(n, "key");
      std::string key_text;
      if (is(key, "property_identifier") || is(key, "identifier")) key_text = std::string(f.text(key));
      else if (!literal_string(f, key, key_text)) key_text.clear();
      if (!key_text.empty()) idx.members.emplace(key_text, field(n, "value"));
    } else if (k == "short_var_declaration" || (k == "assignment_statement")) {
      // Go: a, b := x, y (pairwise when the counts agree; a single call binds its first name).
      auto left = named_children(field(n, "left"));
      auto right = named_children(field(n, "right"));
      for (size_t i = 0; i < left.size(); ++i) {
        TSNode value = right.size() == left.size() ? right[i] : (i == 0 && !right.empty() ? right[0] : TSNode{});
        if (k == "assignment_statement" && is(left[i], "identifier")) idx.mutated.insert(std::string(f.text(left[i])));
        record_binding(idx, f, left[i], value);
      }
    } else if (k == "var_spec" || k == "const_spec") {
      auto names = named_children(n);
      TSNode value = field(n, "value");
      auto values = named_children(value);
      size_t vi = 0;
      for (TSNode c : names) {
        if (!is(c, "identifier")) continue;
        record_binding(idx, f, c, vi < values.size() ? values[vi] : TSNode{});
        ++vi;
      }
    } else if (k == "type_spec") {
      TSNode name = field(n, "name");
      TSNode type = field(n, "type");
      if (is(type, "struct_type") && !is_null(name)) idx.struct_types[std::string(f.text(name))] = type;
    }
    return true;
  });
  return idx;
}

}  // namespace assay::code
