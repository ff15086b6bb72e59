// Decodes hidden payloads and keeps only those that read as text, so rules can match them again.
#include "scanner/text/decode.h"

#include <array>

#include "scanner/text/payload_decoders.h"
#include "scanner/text/readable_text.h"

namespace assay::text {
namespace {

constexpr size_t kMaxPayloads = 64;
constexpr size_t kMaxDecodedBytes = 64 * 1024;
constexpr int kMaxDepth = 2;

struct Encoding {
  std::string_view name;
  std::vector<EncodedRun> (*find)(std::string_view);
};

// Hex before base64: a hex run is also valid base64, and the hex reading is the one that can be text.
constexpr std::array<Encoding, 4> kEncodings = {{
    {"hex", find_hex_runs},
    {"base64", find_base64_runs},
    {"url", find_percent_encoded_runs},
    {"html-entities", find_html_reference_runs},
}};

struct Budget {
  size_t payloads = kMaxPayloads;
  size_t bytes = kMaxDecodedBytes;
};

bool reads_as_text(std::string_view encoding, std::string_view decoded) {
  const ReadableText verdict = judge_readable(decoded);
  if (!verdict.readable) return false;
  // Misread binary (a hash, an identifier read as base64) that passes as printable UTF-8
  // still scatters over unrelated scripts, has no word in it, or repeats one character.
  if ((encoding == "base64" || encoding == "hex") &&
      (verdict.mixes_scripts || verdict.longest_letter_run < 3 || verdict.longest_repeat * 3 > verdict.characters))
    return false;
  // Long identifiers and words are valid base64 and sometimes decode to printable letters by
  // chance; an instruction or command has spaces or punctuation, and valid multi-byte UTF-8 in
  // one script (Chinese, Russian text) almost never arises from noise.
  if (encoding == "base64") return verdict.has_space_or_punctuation || verdict.has_non_ascii;
  return true;
}

void cut_to_budget(std::string& s, size_t budget) {
  if (s.size() <= budget) return;
  size_t cut = budget;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
}

bool overlaps(const std::vector<std::pair<size_t, size_t>>& spans, const EncodedRun& r) {
  for (const auto& [begin, end] : spans)
    if (r.offset < end && begin < r.offset + r.length) return true;
  return false;
}

void decode_into(std::string_view text, const std::string& outer, int depth, Budget& budget,
                 std::vector<DecodedPayload>& out) {
  std::vector<std::pair<size_t, size_t>> hex_spans;
  for (const Encoding& encoding : kEncodings) {
    for (EncodedRun& run : encoding.find(text)) {
      if (budget.payloads == 0 || budget.bytes == 0) return;
      if (encoding.name == "base64" && overlaps(hex_spans, run)) continue;
      if (!reads_as_text(encoding.name, run.decoded)) continue;
      if (encoding.name == "hex") hex_spans.emplace_back(run.offset, run.offset + run.length);
      cut_to_budget(run.decoded, budget.bytes);
      budget.bytes -= run.decoded.size();
      --budget.payloads;
      // A payload inside a payload is named by its layers, outermost first: "base64+url".
      std::string name = outer.empty() ? std::string(encoding.name) : outer + "+" + std::string(encoding.name);
      std::string inner = depth < kMaxDepth ? run.decoded : std::string();
      out.push_back({name, std::string(text.substr(run.offset, run.length)), std::move(run.decoded)});
      if (depth < kMaxDepth) decode_into(inner, name, depth + 1, budget, out);
    }
  }
}

}  // namespace

std::vector<DecodedPayload> decode_payloads(std::string_view text) {
  std::vector<DecodedPayload> out;
  Budget budget;
  decode_into(text, "", 1, budget, out);
  return out;
}

}  // namespace assay::text
