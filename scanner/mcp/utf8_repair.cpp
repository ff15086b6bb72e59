// UTF-8 validation and repair following the Unicode "maximal subpart" practice.
#include "scanner/mcp/utf8_repair.h"

namespace assay::mcp {
namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed sequence at text[i], or 0 with *consumed set to the bytes of the
// maximal ill-formed subpart to replace.
size_t well_formed_length(const std::string& text, size_t i, size_t* consumed) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, lo = 0xA0;
  else if (lead >= 0xE1 && lead <= 0xEC) length = 3;
  else if (lead == 0xED) length = 3, hi = 0x9F;  // no UTF-16 surrogates
  else if (lead >= 0xEE && lead <= 0xEF) length = 3;
  else if (lead == 0xF0) length = 4, lo = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) length = 4, hi = 0x8F;  // nothing above U+10FFFF
  if (length == 0) {
    *consumed = 1;
    return 0;
  }
  size_t k = 1;
  for (; k < length && i + k < text.size(); ++k) {
    unsigned char c = byte(i + k);
    bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) break;
  }
  if (k == length) return length;
  *consumed = k;
  return 0;
}

}  // namespace

bool repair_utf8(std::string& text) {
  size_t i = 0;
  size_t consumed = 0;
  while (i < text.size()) {
    size_t len = well_formed_length(text, i, &consumed);
    if (len == 0) break;
    i += len;
  }
  if (i >= text.size()) return false;

  std::string out(text, 0, i);
  out.reserve(text.size() + 16);
  while (i < text.size()) {
    size_t len = well_formed_length(text, i, &consumed);
    if (len == 0) {
      out += kReplacement;
      i += consumed;
    } else {
      out.append(text, i, len);
      i += len;
    }
  }
  text = std::move(out);
  return true;
}

}  // namespace assay::mcp
