// One walk per file for every dataflow rule's sinks and sanitizers: the patterns are
// concatenated into one query per language and each match is handed to the pattern it came from.
#include "scanner/code/taint/file_facts.h"

#include <algorithm>

#include "scanner/model/error.h"

namespace assay::code {

struct DataflowPatterns::Combined {
  std::optional<CompiledQuery> query;
  std::vector<const DataflowPattern*> pattern_of;  // query pattern index -> dataflow pattern
};

DataflowPatterns::DataflowPatterns(const std::vector<CodeRule>& rules) {
  for (const auto& r : rules) {
    if (!r.dataflow) continue;
    for (const auto& p : r.dataflow->sinks) patterns_.push_back(&p);
    for (const auto& p : r.dataflow->sanitizers) patterns_.push_back(&p);
  }
}

DataflowPatterns::~DataflowPatterns() = default;

bool DataflowPatterns::find_all(const ParsedFile& file, std::map<const DataflowPattern*, std::vector<QueryMatch>>& out) {
  Language language = file.file().language;
  auto& slot = combined_[language];
  if (!slot) {
    slot = std::make_unique<Combined>();
    std::string source;
    std::vector<uint32_t> starts;
    std::vector<const DataflowPattern*> in;
    for (const DataflowPattern* p : patterns_) {
      if (!p->query.for_language(language)) continue;
      in.push_back(p);
      starts.push_back(static_cast<uint32_t>(source.size()));
      source += p->query.source;
      source += "\n";
    }
    if (!in.empty()) {
      try {
        CompiledQuery q = CompiledQuery::compile(language, source, "dataflow patterns for " + std::string(to_string(language)));
        std::vector<const DataflowPattern*> pattern_of;
        for (uint32_t i = 0; i < q.pattern_count(); ++i) {
          size_t nth = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), q.pattern_start_byte(i)) - starts.begin());
          if (nth == 0) break;
          pattern_of.push_back(in[nth - 1]);
        }
        if (pattern_of.size() == q.pattern_count()) {
          q.set_match_limit(std::min<uint32_t>(4096u * static_cast<uint32_t>(in.size()), 32768u));
          slot->pattern_of = std::move(pattern_of);
          slot->query.emplace(std::move(q));
        }
      } catch (const AssayError&) {
        // Each rule's patterns compiled on their own at load; the engine runs them one by one.
      }
    }
  }
  const Combined& c = *slot;
  if (!c.query) return false;
  c.query->for_each_match(file, [&](const QueryMatch& m) { out[c.pattern_of[m.pattern_index]].push_back(m); });
  return true;
}

FileFacts::FileFacts(const ParsedFile& file, DataflowPatterns* patterns)
    : index_(build_file_index(file)), names_(file) {
  if (patterns) combined_ = patterns->find_all(file, matches_);
}

const std::vector<QueryMatch>* FileFacts::matches(const DataflowPattern& pattern) const {
  if (!combined_) return nullptr;
  static const std::vector<QueryMatch> kNone;
  auto it = matches_.find(&pattern);
  return it == matches_.end() ? &kNone : &it->second;
}

}  // namespace assay::code
