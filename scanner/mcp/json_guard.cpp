// Depth check, text repair and parsing of one untrusted JSON line.
#include "scanner/mcp/json_guard.h"

#include "scanner/mcp/utf8_repair.h"

namespace assay::mcp {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the \uXXXX escape at text[i] (which is the backslash), or -1.
int escaped_unit(const std::string& text, size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int d = hex_digit(text[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// A lone surrogate escape is valid JSON text but the library refuses it; a server could use one
// to make its whole tool list unreadable. Rewrites such escapes as \ufffd (same length).
// Returns the index of the last byte of the escape sequence at i.
size_t repair_escape(std::string& text, size_t i, bool* repaired) {
  int unit = escaped_unit(text, i);
  if (unit < 0) return i + 1;
  bool high = unit >= 0xD800 && unit <= 0xDBFF;
  bool low = unit >= 0xDC00 && unit <= 0xDFFF;
  if (high) {
    int next = escaped_unit(text, i + 6);
    if (next >= 0xDC00 && next <= 0xDFFF) return i + 11;
  }
  if (high || low) {
    text.replace(i + 2, 4, "fffd");
    *repaired = true;
  }
  return i + 5;
}

// One linear pass: depth outside strings, surrogate escapes inside them.
bool scan(std::string& text, int max_depth, bool* repaired) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') i = repair_escape(text, i, repaired);
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

bool nesting_exceeds(const std::string& text, int max_depth) {
  std::string copy = text;
  bool repaired = false;
  return !scan(copy, max_depth, &repaired);
}

UntrustedJson parse_untrusted_json(std::string line, int max_depth) {
  UntrustedJson out;
  if (!scan(line, max_depth, &out.repaired))
    throw JsonRejected(JsonRejected::Reason::too_deep,
                       "JSON nested deeper than " + std::to_string(max_depth) + " levels");
  if (repair_utf8(line)) out.repaired = true;
  try {
    out.value = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    throw JsonRejected(JsonRejected::Reason::not_json, "not JSON (byte " + std::to_string(e.byte) + ")");
  }
  return out;
}

}  // namespace assay::mcp
