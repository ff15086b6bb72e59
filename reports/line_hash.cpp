// A transcription of codeql-action's src/fingerprints.ts `hash`: a rolling hash over the next 100
// non-blank UTF-16 code units from the start of each line, in wrapping 64-bit arithmetic.
#include "reports/line_hash.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

#include "reports/utf8_decode.h"

namespace assay::reports {
namespace {

constexpr int kBlockSize = 100;
constexpr std::uint64_t kMod = 37;
constexpr std::uint32_t kTab = '\t', kSpace = ' ', kLf = '\n', kCr = '\r';
constexpr std::uint32_t kEof = 65535;  // what the original appends after the last character

// Long arithmetic in the original is signed 64-bit with wrap-around; unsigned arithmetic gives the
// same bits, and the original prints the unsigned value.
class RollingLineHasher {
 public:
  explicit RollingLineHasher(std::vector<std::string>& out) : out_(out) {
    for (int i = 0; i < kBlockSize; ++i) first_mod_ *= kMod;
    line_numbers_.fill(-1);
    window_.fill(0);
  }

  void process(std::uint32_t current) {
    if (current == kSpace || current == kTab || (prev_cr_ && current == kLf)) {
      prev_cr_ = false;
      return;
    }
    if (current == kCr) {
      current = kLf;
      prev_cr_ = true;
    } else {
      prev_cr_ = false;
    }
    if (line_numbers_[index_] != -1) output();
    if (line_start_) {
      line_start_ = false;
      line_numbers_[index_] = ++line_number_;
    }
    if (current == kLf) line_start_ = true;
    update(current);
  }

  void finish() {
    process(kEof);
    for (int i = 0; i < kBlockSize; ++i) {
      if (line_numbers_[index_] != -1) output();
      update(0);
    }
  }

 private:
  void update(std::uint32_t current) {
    const std::uint64_t begin = window_[index_];
    window_[index_] = current;
    hash_ = kMod * hash_ + current - first_mod_ * begin;
    index_ = (index_ + 1) % kBlockSize;
  }

  void output() {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(hash_));
    const int count = ++counts_[hash_];
    const auto line = static_cast<std::size_t>(line_numbers_[index_]);
    if (out_.size() < line) out_.resize(line);
    out_[line - 1] = std::string(hex) + ":" + std::to_string(count);
    line_numbers_[index_] = -1;
  }

  std::vector<std::string>& out_;
  std::array<std::uint32_t, kBlockSize> window_{};
  std::array<long long, kBlockSize> line_numbers_{};
  std::uint64_t hash_ = 0;
  std::uint64_t first_mod_ = 1;
  int index_ = 0;
  long long line_number_ = 0;
  bool line_start_ = true;
  bool prev_cr_ = false;
  std::unordered_map<std::uint64_t, int> counts_;
};

}  // namespace

std::vector<std::string> line_hashes(std::string_view content) {
  std::vector<std::string> out;
  RollingLineHasher hasher(out);
  // JavaScript's charCodeAt sees UTF-16 code units, so astral characters count as two.
  for (std::size_t pos = 0; pos < content.size();) {
    const DecodedCodePoint d = decode_utf8_at(content, pos);
    if (d.code_point >= 0x10000) {
      const char32_t v = d.code_point - 0x10000;
      hasher.process(0xD800 + (v >> 10));
      hasher.process(0xDC00 + (v & 0x3FF));
    } else {
      hasher.process(d.code_point);
    }
    pos += d.length;
  }
  hasher.finish();
  return out;
}

}  // namespace assay::reports
