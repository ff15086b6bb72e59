// Finds which of many literal strings occur in a text, in one pass (Aho-Corasick).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace assay::rules {

// Built once from the literal atoms RE2's FilteredRE2 needs; matching is one table lookup per
// byte, whatever the number of atoms, so the prefilter stays fast as the rule pack grows.
class AtomMatcher {
 public:
  explicit AtomMatcher(const std::vector<std::string>& atoms);

  // Indices (into the constructor's list) of every atom that occurs in `text`, each once.
  std::vector<int> find(std::string_view text) const;

 private:
  int classes_ = 1;
  uint8_t byte_class_[256] = {};          // 0 = a byte no atom contains
  std::vector<int32_t> next_;             // state * classes_ + class -> state (complete automaton)
  std::vector<int32_t> output_begin_;     // per state, range in outputs_ (own and suffix outputs)
  std::vector<int32_t> outputs_;
  size_t atom_count_ = 0;
};

}  // namespace assay::rules
