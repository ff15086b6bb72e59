// Finds hex-encoded bytes, bare or written as C/Python escapes or byte lists.
#include <algorithm>

#include "scanner/text/payload_decoders.h"

namespace assay::text {
namespace {

constexpr size_t kMinDigits = 16;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool hex_pair_at(std::string_view t, size_t i) {
  return i + 1 < t.size() && hex_value(t[i]) >= 0 && hex_value(t[i + 1]) >= 0;
}

char pair_value(std::string_view t, size_t i) { return static_cast<char>(hex_value(t[i]) * 16 + hex_value(t[i + 1])); }

// \x68\x65\x6c...: returns the end of the list, filling `bytes`.
size_t escaped_list(std::string_view t, size_t i, std::string& bytes) {
  while (i + 3 < t.size() && t[i] == '\\' && t[i + 1] == 'x' && hex_pair_at(t, i + 2)) {
    bytes.push_back(pair_value(t, i + 2));
    i += 4;
  }
  return i;
}

bool is_prefix_0x(std::string_view t, size_t i) {
  return i + 1 < t.size() && t[i] == '0' && (t[i + 1] == 'x' || t[i + 1] == 'X');
}

// 0x68, 0x65 0x6c,0x6c...: two digits per item, items apart by up to two of ", ".
size_t byte_list(std::string_view t, size_t i, std::string& bytes) {
  size_t end = i;
  while (is_prefix_0x(t, i) && hex_pair_at(t, i + 2) && (i + 4 >= t.size() || !is_alnum(t[i + 4]))) {
    bytes.push_back(pair_value(t, i + 2));
    end = i + 4;
    i = end;
    for (int sep = 0; sep < 2 && i < t.size() && (t[i] == ',' || t[i] == ' '); ++sep) ++i;
  }
  return end;
}

}  // namespace

std::vector<EncodedRun> find_hex_runs(std::string_view t) {
  std::vector<EncodedRun> out;
  std::string bytes;
  for (size_t i = 0; i < t.size();) {
    bytes.clear();
    if (t[i] == '\\') {
      const size_t end = escaped_list(t, i, bytes);
      if (bytes.size() * 2 >= kMinDigits) out.push_back({i, end - i, bytes});
      i = std::max(end, i + 1);
      continue;
    }
    if (!is_alnum(t[i])) {
      ++i;
      continue;
    }
    // A word: a byte list, or a bare run that must be the whole word (not the tail of an identifier).
    if (is_prefix_0x(t, i) && hex_pair_at(t, i + 2) && (i + 4 >= t.size() || !is_alnum(t[i + 4]))) {
      const size_t end = byte_list(t, i, bytes);
      if (bytes.size() * 2 >= kMinDigits) out.push_back({i, end - i, bytes});
      i = end;
      continue;
    }
    size_t end = i;
    while (end < t.size() && is_alnum(t[end])) ++end;
    const size_t digits_from = is_prefix_0x(t, i) ? i + 2 : i;
    const size_t digits = end - digits_from;
    bool all_hex = digits >= kMinDigits && digits % 2 == 0;
    // A long decimal number (an id, a timestamp, a float's mantissa before "e-12") is no hex.
    bool has_letter = false;
    for (size_t k = digits_from; all_hex && k < end; ++k) {
      all_hex = hex_value(t[k]) >= 0;
      has_letter = has_letter || (t[k] > '9' && k + 1 < end);
    }
    if (all_hex && has_letter) {
      for (size_t k = digits_from; k < end; k += 2) bytes.push_back(pair_value(t, k));
      out.push_back({i, end - i, bytes});
    }
    i = end;
  }
  return out;
}

}  // namespace assay::text
