// Blanking JSONC extras in place: one pass that tracks strings, then one for trailing commas.
#include "scanner/discovery/jsonc.h"

namespace assay::discovery {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void blank(std::string& t, size_t from, size_t to) {
  for (size_t i = from; i < to && i < t.size(); ++i)
    if (t[i] != '\n') t[i] = ' ';
}

}  // namespace

std::string blank_jsonc_extras(std::string t) {
  bool in_string = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '/') {
      size_t end = t.find('\n', i);
      if (end == std::string::npos) end = t.size();
      blank(t, i, end);
      i = end;
    } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
      size_t end = t.find("*/", i + 2);
      end = end == std::string::npos ? t.size() : end + 2;
      blank(t, i, end);
      i = end - 1;
    }
  }
  // Comments are gone, so a comma followed only by blanks and a closing bracket is trailing.
  in_string = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ',') {
      size_t j = i + 1;
      while (j < t.size() && is_blank(t[j])) ++j;
      if (j < t.size() && (t[j] == '}' || t[j] == ']')) t[i] = ' ';
    }
  }
  return t;
}

}  // namespace assay::discovery
