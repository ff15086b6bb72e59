// Finds which of many fixed strings (canary needles, all at least 8 bytes long) occur in a text,
// in one pass: an 8-byte window at each position is checked against a bitmap of the needles'
// first 8 bytes, and only a hit is compared in full. Keeps canary search far below the cost of
// reading the bytes, even for a server flooding stdout.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::sandbox {

class NeedleIndex {
 public:
  // `owner` is returned for a match (the canary's index); needles shorter than 8 are ignored.
  void add(std::string needle, std::size_t owner);
  void build();  // after the last add()
  // Sets found[owner] for every needle present in `text`; found must be sized by the caller.
  void mark_present(std::string_view text, std::vector<bool>& found) const;

 private:
  struct Entry {
    std::uint64_t prefix;
    std::string needle;
    std::size_t owner;
  };
  std::vector<Entry> entries_;  // sorted by prefix
  std::vector<std::uint64_t> bitmap_ = std::vector<std::uint64_t>(kBitmapBits / 64, 0);
  static constexpr std::size_t kBitmapBits = 1u << 16;
};

}  // namespace assay::sandbox
