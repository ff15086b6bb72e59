// Finds URL percent-encoded words ("ignore%20previous%20instructions").
#include "scanner/text/payload_decoders.h"

namespace assay::text {
namespace {

constexpr int kMinEscapes = 3;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_escape(std::string_view t, size_t i) {
  return i + 2 < t.size() && t[i] == '%' && hex_value(t[i + 1]) >= 0 && hex_value(t[i + 2]) >= 0;
}

// An encoded word ends where prose or markup would: whitespace, quotes, brackets.
bool ends_word(char c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '"': case '\'': case '`':
    case '<': case '>': case '(': case ')': case '[': case ']': case '{': case '}':
      return true;
    default:
      return false;
  }
}

}  // namespace

std::vector<EncodedRun> find_percent_encoded_runs(std::string_view t) {
  std::vector<EncodedRun> out;
  for (size_t i = 0; i < t.size();) {
    if (ends_word(t[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    int escapes = 0;
    while (end < t.size() && !ends_word(t[end])) {
      if (is_escape(t, end)) {
        ++escapes;
        end += 3;
      } else {
        ++end;
      }
    }
    if (escapes >= kMinEscapes) {
      std::string decoded;
      decoded.reserve(end - i);
      for (size_t k = i; k < end;) {
        if (is_escape(t, k)) {
          decoded.push_back(static_cast<char>(hex_value(t[k + 1]) * 16 + hex_value(t[k + 2])));
          k += 3;
        } else {
          decoded.push_back(t[k++]);
        }
      }
      out.push_back({i, end - i, std::move(decoded)});
    }
    i = end;
  }
  return out;
}

}  // namespace assay::text
