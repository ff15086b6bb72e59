// Aho-Corasick over byte classes: a complete automaton, so matching never follows failure links.
#include "scanner/rules/atom_matcher.h"

#include <deque>

namespace assay::rules {

AtomMatcher::AtomMatcher(const std::vector<std::string>& atoms) : atom_count_(atoms.size()) {
  for (const auto& a : atoms)
    for (unsigned char c : a)
      if (!byte_class_[c]) byte_class_[c] = static_cast<uint8_t>(classes_++);

  // Trie: next_ holds -1 for absent edges until the breadth-first pass completes it.
  std::vector<std::vector<int32_t>> own_outputs(1);
  next_.assign(classes_, -1);
  for (size_t i = 0; i < atoms.size(); ++i) {
    int32_t s = 0;
    for (unsigned char c : atoms[i]) {
      int32_t& edge = next_[s * classes_ + byte_class_[c]];
      if (edge < 0) {
        edge = static_cast<int32_t>(own_outputs.size());
        own_outputs.emplace_back();
        next_.resize(next_.size() + classes_, -1);
      }
      s = next_[s * classes_ + byte_class_[c]];
    }
    own_outputs[s].push_back(static_cast<int32_t>(i));
  }

  const size_t states = own_outputs.size();
  std::vector<int32_t> fail(states, 0);
  std::vector<std::vector<int32_t>> all_outputs(states);
  std::deque<int32_t> queue;
  for (int c = 0; c < classes_; ++c) {
    int32_t& t = next_[c];
    if (t < 0) {
      t = 0;
    } else {
      fail[t] = 0;
      queue.push_back(t);
    }
  }
  all_outputs[0] = own_outputs[0];
  while (!queue.empty()) {
    int32_t s = queue.front();
    queue.pop_front();
    all_outputs[s] = own_outputs[s];
    const auto& inherited = all_outputs[fail[s]];
    all_outputs[s].insert(all_outputs[s].end(), inherited.begin(), inherited.end());
    for (int c = 0; c < classes_; ++c) {
      int32_t& t = next_[s * classes_ + c];
      if (t < 0) {
        t = next_[fail[s] * classes_ + c];
      } else {
        fail[t] = next_[fail[s] * classes_ + c];
        queue.push_back(t);
      }
    }
  }
  output_begin_.reserve(states + 1);
  for (const auto& o : all_outputs) {
    output_begin_.push_back(static_cast<int32_t>(outputs_.size()));
    outputs_.insert(outputs_.end(), o.begin(), o.end());
  }
  output_begin_.push_back(static_cast<int32_t>(outputs_.size()));
}

std::vector<int> AtomMatcher::find(std::string_view text) const {
  std::vector<int> found;
  if (atom_count_ == 0) return found;
  // One marker array per thread, reset entry by entry after use: clearing or allocating one
  // sized by the whole atom list per text cost more than the matching itself.
  thread_local std::vector<uint8_t> seen;
  if (seen.size() < atom_count_) seen.resize(atom_count_);
  int32_t s = 0;
  for (unsigned char c : text) {
    s = next_[s * classes_ + byte_class_[c]];
    for (int32_t i = output_begin_[s]; i < output_begin_[s + 1]; ++i) {
      int32_t atom = outputs_[i];
      if (!seen[atom]) {
        seen[atom] = 1;
        found.push_back(atom);
      }
    }
  }
  for (int atom : found) seen[atom] = 0;
  return found;
}

}  // namespace assay::rules
