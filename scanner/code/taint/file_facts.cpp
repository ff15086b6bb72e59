// One walk per file for every dataflow rule's sinks and sanitizers: the patterns run as one
// query per language (combine_queries) and each match is handed to the pattern it came from.
#include "scanner/code/taint/file_facts.h"

namespace assay::code {

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
  auto [slot, fresh] = combined_.try_emplace(language);
  Combined& c = slot->second;
  if (fresh) {
    std::vector<std::string_view> sources;
    for (const DataflowPattern* p : patterns_) {
      if (!p->query.for_language(language)) continue;
      c.patterns.push_back(p);
      sources.push_back(p->query.source);
    }
    c.query = combine_queries(language, sources, "dataflow patterns for " + std::string(to_string(language)));
  }
  if (!c.query) return false;
  c.query->query.for_each_match(file, [&](const QueryMatch& m) {
    out[c.patterns[c.query->source_of_pattern[m.pattern_index]]].push_back(m);
  });
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
