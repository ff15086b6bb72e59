// Small helpers over tree-sitter nodes shared by the extractor and the taint engine.
#include "scanner/code/extract/syntax.h"

namespace assay::code::syntax {

std::vector<TSNode> named_children(TSNode n) {
  std::vector<TSNode> out;
  if (is_null(n)) return out;
  uint32_t count = ts_node_named_child_count(n);
  out.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_named_child(n, i);
    if (!is(c, "comment")) out.push_back(c);
  }
  return out;
}

TSNode child_of_kind(TSNode n, std::string_view k) {
  for (TSNode c : named_children(n))
    if (kind(c) == k) return c;
  return TSNode{};
}

TSNode unwrap(TSNode n) {
  for (int guard = 0; guard < 64 && !is_null(n); ++guard) {
    std::string_view k = kind(n);
    if (k == "parenthesized_expression" || k == "await_expression" || k == "await" ||
        k == "non_null_expression" || k == "as_expression" || k == "satisfies_expression" ||
        k == "type_assertion") {
      auto kids = named_children(n);
      if (kids.empty()) return n;
      // `x as T`, `<T>x`: the value is the first (or, for type_assertion, the last) child.
      n = k == "type_assertion" ? kids.back() : kids.front();
      continue;
    }
    if (k == "sequence_expression") {  // `(0, f)` from bundlers: the value is the last one
      TSNode right = field(n, "right");
      if (is_null(right)) return n;
      n = right;
      continue;
    }
    return n;
  }
  return n;
}

void walk(TSNode root, const std::function<bool(TSNode)>& visit) {
  if (is_null(root)) return;
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = visit(root);
  for (;;) {
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) {
      descend = visit(ts_tree_cursor_current_node(&cursor));
      continue;
    }
    bool moved = false;
    while (!moved) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
        break;
      }
      if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
    }
    descend = visit(ts_tree_cursor_current_node(&cursor));
  }
}

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Resolves one escape sequence's text ("\\n", "\\u00e9", "\\u{1F600}", "\\x41"); unknown
// escapes keep the escaped character, as JS and Python do for most of them.
void append_escape(std::string& out, std::string_view esc) {
  if (esc.size() < 2) {
    out += esc;
    return;
  }
  char c = esc[1];
  auto hex_run = [&](std::string_view digits) {
    uint32_t v = 0;
    for (char d : digits) {
      int h = hex_value(d);
      if (h < 0) return false;
      v = v * 16 + static_cast<uint32_t>(h);
    }
    append_utf8(out, v);
    return true;
  };
  switch (c) {
    case 'n': out += '\n'; return;
    case 't': out += '\t'; return;
    case 'r': out += '\r'; return;
    case 'b': out += '\b'; return;
    case 'f': out += '\f'; return;
    case 'v': out += '\v'; return;
    case '0': if (esc.size() == 2) { out += '\0'; return; } break;
    case 'x': if (hex_run(esc.substr(2))) return; break;
    case 'u':
    case 'U': {
      std::string_view d = esc.substr(2);
      if (!d.empty() && d.front() == '{' && d.back() == '}') d = d.substr(1, d.size() - 2);
      if (hex_run(d)) return;
      break;
    }
    case '\n': return;  // line continuation
    default: break;
  }
  out += esc.substr(1);
}

bool string_parts(const ParsedFile& file, TSNode n, std::string& out) {
  // Children of a literal: content runs and escape sequences, plus delimiters to skip.
  uint32_t count = ts_node_child_count(n);
  for (uint32_t i = 0; i < count; ++i) {
    TSNode c = ts_node_child(n, i);
    std::string_view k = kind(c);
    if (k == "string_fragment" || k == "string_content" || k == "interpreted_string_literal_content" ||
        k == "raw_string_literal_content") {
      out += file.text(c);
    } else if (k == "escape_sequence") {
      append_escape(out, file.text(c));
    } else if (k == "template_substitution" || k == "interpolation") {
      return false;
    }
  }
  return true;
}

}  // namespace

bool literal_string(const ParsedFile& file, TSNode n, std::string& out) {
  n = unwrap(n);
  std::string_view k = kind(n);
  if (k == "string" || k == "template_string" || k == "interpreted_string_literal" ||
      k == "raw_string_literal") {
    if (k == "string" && file.file().language == Language::python) {
      // Prefixes: f-strings with interpolations are not literals; b"" is bytes, still text.
      std::string_view text = file.text(n);
      size_t q = text.find_first_of("'\"");
      std::string_view prefix = text.substr(0, q == std::string_view::npos ? 0 : q);
      bool raw = prefix.find_first_of("rR") != std::string_view::npos;
      if (raw) {
        // Raw strings: take the contents as written.
        std::string tmp;
        for (TSNode c : named_children(n)) {
          if (is(c, "interpolation")) return false;
          if (is(c, "string_content")) tmp += file.text(c);
        }
        out += tmp;
        return true;
      }
    }
    return string_parts(file, n, out);
  }
  if (k == "concatenated_string") {
    for (TSNode c : named_children(n))
      if (!literal_string(file, c, out)) return false;
    return true;
  }
  return false;
}

bool is_function(TSNode n) {
  std::string_view k = kind(n);
  return k == "function_declaration" || k == "function_expression" || k == "function" ||
         k == "arrow_function" || k == "method_definition" || k == "generator_function_declaration" ||
         k == "generator_function" || k == "function_definition" || k == "lambda" ||
         k == "func_literal" || k == "method_declaration";
}

TSNode function_body(TSNode fn) { return field(fn, "body"); }

TSNode function_parameters(TSNode fn) {
  TSNode p = field(fn, "parameters");
  if (is_null(p)) p = field(fn, "parameter");  // `x => ...`
  return p;
}

void bound_names(const ParsedFile& file, TSNode pattern, std::vector<std::string>& out) {
  pattern = unwrap(pattern);
  std::string_view k = kind(pattern);
  if (k == "identifier" || k == "shorthand_property_identifier_pattern") {
    out.emplace_back(file.text(pattern));
    return;
  }
  if (k == "pair_pattern") {
    bound_names(file, field(pattern, "value"), out);
    return;
  }
  if (k == "assignment_pattern" || k == "object_assignment_pattern") {
    bound_names(file, field(pattern, "left"), out);
    return;
  }
  if (k == "required_parameter" || k == "optional_parameter") {
    bound_names(file, field(pattern, "pattern"), out);
    return;
  }
  if (k == "typed_parameter" || k == "list_splat_pattern" || k == "dictionary_splat_pattern") {
    for (TSNode c : named_children(pattern))
      if (is(c, "identifier")) out.emplace_back(file.text(c));
    return;
  }
  if (k == "default_parameter" || k == "typed_default_parameter") {
    bound_names(file, field(pattern, "name"), out);
    return;
  }
  if (k == "parameter_declaration" || k == "variadic_parameter_declaration") {
    for (TSNode c : named_children(pattern))
      if (is(c, "identifier")) out.emplace_back(file.text(c));
    return;
  }
  if (k == "object_pattern" || k == "array_pattern" || k == "rest_pattern" || k == "tuple_pattern" ||
      k == "list_pattern" || k == "pattern_list" || k == "expression_list") {
    for (TSNode c : named_children(pattern)) bound_names(file, c, out);
    return;
  }
}

std::vector<std::vector<std::string>> parameter_names(const ParsedFile& file, TSNode fn) {
  std::vector<std::vector<std::string>> out;
  TSNode params = function_parameters(fn);
  if (is_null(params)) return out;
  if (is(params, "identifier")) {  // arrow function with a single bare parameter
    out.push_back({std::string(file.text(params))});
    return out;
  }
  for (TSNode p : named_children(params)) {
    std::string_view k = kind(p);
    if (k == "keyword_separator" || k == "positional_separator" || k == "this") continue;
    if (k == "parameter_declaration") {
      // Go: `a, b string` declares two parameters.
      std::vector<std::string> names;
      bound_names(file, p, names);
      if (names.empty()) names.push_back("_");
      for (auto& nm : names) out.push_back({nm});
      continue;
    }
    std::vector<std::string> names;
    bound_names(file, p, names);
    out.push_back(std::move(names));
  }
  return out;
}

}  // namespace assay::code::syntax
