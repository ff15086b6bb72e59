// Code findings: where they are, what function they are in, what they say.
#include "scanner/code/code_finding.h"

#include <cstring>

namespace assay::code {
namespace {

bool is(TSNode n, const char* type) { return std::strcmp(ts_node_type(n), type) == 0; }

std::string field_text(const ParsedFile& file, TSNode n, const char* field) {
  TSNode child = ts_node_child_by_field_name(n, field, static_cast<uint32_t>(std::strlen(field)));
  return std::string(file.text(child));
}

// The name an anonymous function gets from where it is stored: `const f = () => ...`,
// `{ handler: async (args) => ... }`, `exports.run = function () {...}`.
std::string name_from_parent(const ParsedFile& file, TSNode fn) {
  TSNode parent = ts_node_parent(fn);
  if (ts_node_is_null(parent)) return {};
  if (is(parent, "variable_declarator")) return field_text(file, parent, "name");
  if (is(parent, "pair")) return field_text(file, parent, "key");
  if (is(parent, "assignment_expression")) return field_text(file, parent, "left");
  if (is(parent, "public_field_definition") || is(parent, "field_definition"))
    return field_text(file, parent, "name");
  return {};
}

}  // namespace

std::string enclosing_function_name(const ParsedFile& file, TSNode node) {
  for (TSNode n = node; !ts_node_is_null(n); n = ts_node_parent(n)) {
    const char* t = ts_node_type(n);
    if (!std::strcmp(t, "function_declaration") || !std::strcmp(t, "generator_function_declaration") ||
        !std::strcmp(t, "method_definition") || !std::strcmp(t, "function_definition") ||
        !std::strcmp(t, "method_declaration")) {
      std::string name = field_text(file, n, "name");
      if (!name.empty()) return name;
    }
    if (!std::strcmp(t, "arrow_function") || !std::strcmp(t, "function_expression") ||
        !std::strcmp(t, "function") || !std::strcmp(t, "generator_function") ||
        !std::strcmp(t, "func_literal") || !std::strcmp(t, "lambda")) {
      std::string name = field_text(file, n, "name");
      if (name.empty()) name = name_from_parent(file, n);
      if (!name.empty()) return name;
    }
  }
  return {};
}

Finding make_code_finding(const CodeRule& rule, const ParsedFile& file, TSNode at,
                          std::string message, std::string logical) {
  constexpr size_t kMaxEvidence = 200;
  Finding f;
  f.rule_id = rule.id;
  f.rule_name = rule.name;
  f.severity = rule.severity;
  f.confidence = rule.confidence;
  f.message = std::move(message);
  std::string_view text = file.text(at);
  text = text.substr(0, text.find('\n'));
  if (text.size() > kMaxEvidence) {
    size_t cut = kMaxEvidence;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  f.evidence = std::string(text);
  Location loc;
  loc.physical = file.location(at);
  if (logical.empty()) {
    std::string fn = enclosing_function_name(file, at);
    logical = file.file().path + (fn.empty() ? "" : ":" + fn);
  }
  loc.logical = std::move(logical);
  f.locations.push_back(std::move(loc));
  f.fingerprint = compute_fingerprint(f);
  return f;
}

}  // namespace assay::code
