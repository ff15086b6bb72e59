// Which of a set of conditions a file's text may satisfy, decided with one pass over the text.
// A condition is a list of regexes that must each match somewhere in the text: a query
// pattern whose predicates demand that a captured node's text matches R cannot match a file
// with no match of R anywhere, so the pattern's tree walk can be skipped for that file.
#pragma once
#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace assay::code {

// `regex` loosened for a search of a whole file: zero-width assertions (^ $ \A \z \b \B)
// removed and counted repetitions capped at {32,}. It matches wherever the original matches a
// piece of the text, whatever surrounds that piece, so a file whose text has no match of it
// holds no node whose text matches the original.
std::string relaxed_for_search(std::string_view regex);

class TextPrefilter {
 public:
  TextPrefilter();
  ~TextPrefilter();
  TextPrefilter(const TextPrefilter&) = delete;
  TextPrefilter& operator=(const TextPrefilter&) = delete;

  // Adds a condition (every regex must match somewhere) and returns its index. An empty list,
  // or a regex too large to search for cheaply, makes a condition that always holds.
  size_t add(const std::vector<std::string>& all_of);
  // After the last add.
  void compile();
  // For each condition: false only when `text` certainly does not satisfy it.
  std::vector<bool> possible(std::string_view text) const;

  // Where in `text` a possible condition's first regex matches: every node whose text matches
  // that regex's original overlaps one of these spans (successive leftmost matches cannot step
  // over an occurrence without overlapping it). Nothing when the condition always holds, the
  // regex matches the empty string, or there are more than `limit` spans.
  struct Span {
    uint32_t start = 0, end = 0;
  };
  bool spans(std::string_view text, size_t condition, size_t limit, std::vector<Span>& out) const;

 private:
  struct Condition {
    std::vector<int> regexes;  // ids in filter_
    bool always = false;
  };
  std::vector<Condition> conditions_;
  std::vector<std::string> patterns_;  // by filter_ id, to share ids between conditions
  re2::FilteredRE2 filter_;            // the literal pieces ("atoms") each regex's matches contain
  std::unique_ptr<re2::RE2::Set> atoms_;  // matched on ASCII-lowercased text
  std::vector<int> always_atoms_;         // atoms with other letters: taken as present
  bool usable_ = false;
};

}  // namespace assay::code
