// Prefix-bitmap multi-string search for canary needles.
#include "sandbox/decoy/needle_index.h"

#include <algorithm>
#include <cstring>

namespace assay::sandbox {

namespace {

std::uint64_t load8(const char* p) {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

std::size_t slot(std::uint64_t prefix) { return static_cast<std::size_t>((prefix * 0x9E3779B97F4A7C15ull) >> 48); }

}  // namespace

void NeedleIndex::add(std::string needle, std::size_t owner) {
  if (needle.size() < 8) return;
  const std::uint64_t prefix = load8(needle.data());
  entries_.push_back({prefix, std::move(needle), owner});
}

void NeedleIndex::build() {
  std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) { return a.prefix < b.prefix; });
  std::fill(bitmap_.begin(), bitmap_.end(), 0);
  for (const Entry& e : entries_) {
    const std::size_t s = slot(e.prefix);
    bitmap_[s / 64] |= 1ull << (s % 64);
  }
}

void NeedleIndex::mark_present(std::string_view text, std::vector<bool>& found) const {
  if (text.size() < 8 || entries_.empty()) return;
  const char* data = text.data();
  for (std::size_t i = 0; i + 8 <= text.size(); ++i) {
    const std::uint64_t window = load8(data + i);
    const std::size_t s = slot(window);
    if (!(bitmap_[s / 64] & (1ull << (s % 64)))) continue;
    auto range = std::equal_range(entries_.begin(), entries_.end(), Entry{window, {}, 0},
                                  [](const Entry& a, const Entry& b) { return a.prefix < b.prefix; });
    for (auto it = range.first; it != range.second; ++it) {
      if (found[it->owner]) continue;
      if (text.substr(i, it->needle.size()) == it->needle) found[it->owner] = true;
    }
  }
}

}  // namespace assay::sandbox
