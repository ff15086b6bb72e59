// Finds base64 runs; an attacker base64-encodes an instruction so keyword rules miss it.
#include <array>
#include <cstdint>

#include "scanner/text/payload_decoders.h"

namespace assay::text {
namespace {

constexpr size_t kMinCharacters = 16;

// Both alphabets at once: '+' and '-' are 62, '/' and '_' are 63.
constexpr std::array<int8_t, 256> kValues = [] {
  std::array<int8_t, 256> v{};
  v.fill(-1);
  for (int i = 0; i < 26; ++i) v['A' + i] = static_cast<int8_t>(i), v['a' + i] = static_cast<int8_t>(26 + i);
  for (int i = 0; i < 10; ++i) v['0' + i] = static_cast<int8_t>(52 + i);
  v['+'] = v['-'] = 62;
  v['/'] = v['_'] = 63;
  return v;
}();

int value(char c) { return kValues[static_cast<unsigned char>(c)]; }

// `chars` holds alphabet characters only; a trailing partial group of 2 or 3 characters is
// the unpadded form and decodes to 1 or 2 bytes.
std::string decode(std::string_view chars) {
  if (chars.size() % 4 == 1) chars.remove_suffix(1);
  std::string out;
  out.reserve(chars.size() / 4 * 3 + 2);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : chars) {
    acc = (acc << 6) | static_cast<uint32_t>(value(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

size_t alphabet_run_end(std::string_view t, size_t i) {
  while (i < t.size() && value(t[i]) >= 0) ++i;
  return i;
}

}  // namespace

std::vector<EncodedRun> find_base64_runs(std::string_view t) {
  std::vector<EncodedRun> out;
  std::string joined;  // reused for runs wrapped over several lines
  for (size_t i = 0; i < t.size();) {
    if (value(t[i]) < 0) {
      ++i;
      continue;
    }
    const size_t start = i;
    size_t line = start, end = alphabet_run_end(t, start);
    bool wrapped = false;
    joined.clear();
    // MIME and PEM wrap base64 at a multiple of 4 characters; such a full line continues on the
    // next when that one is base64 from end to end.
    for (;;) {
      const size_t length = end - line;
      const size_t newline = end + (end < t.size() && t[end] == '\r' ? 1 : 0);
      if (length < kMinCharacters || length % 4 != 0 || newline + 1 >= t.size() || t[newline] != '\n') break;
      const size_t next_end = alphabet_run_end(t, newline + 1);
      const bool whole_line = next_end > newline + 1 && (next_end == t.size() || t[next_end] == '\r' ||
                                                          t[next_end] == '\n' || t[next_end] == '=');
      if (!whole_line) break;
      joined.append(t.substr(line, length));
      line = newline + 1;
      end = next_end;
      wrapped = true;
    }
    if (wrapped) joined.append(t.substr(line, end - line));
    size_t padded_end = end;
    for (int pad = 0; pad < 2 && padded_end < t.size() && t[padded_end] == '='; ++pad) ++padded_end;
    i = padded_end;
    const std::string_view chars = wrapped ? std::string_view(joined) : t.substr(start, end - start);
    if (chars.size() >= kMinCharacters) out.push_back({start, padded_end - start, decode(chars)});
  }
  return out;
}

}  // namespace assay::text
