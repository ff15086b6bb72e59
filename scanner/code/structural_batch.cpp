// Per language: a text prefilter deciding which rules a file can trigger and where, and every
// rule's patterns as one query (combine_queries) for files that can trigger several.
#include "scanner/code/structural_batch.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "scanner/code/query_rule.h"
#include "scanner/code/text_prefilter.h"

namespace assay::code {

struct StructuralBatch::LanguageRules {
  Language language = Language::javascript;
  std::vector<const CodeRule*> rules;           // rules with a query for this language
  TextPrefilter prefilter;                      // a condition per pattern of each rule
  std::vector<std::vector<size_t>> conditions;  // per rule: its patterns' condition ids
  // Every rule's patterns as one query (pattern -> rule index); built on first need, and empty
  // if it cannot be (the rules then run one by one).
  std::optional<CombinedQuery> combined;
  bool combined_built = false;
};

StructuralBatch::StructuralBatch(const std::vector<CodeRule>& rules) {
  for (const auto& r : rules)
    if (r.query) rules_.push_back(&r);
}

StructuralBatch::~StructuralBatch() = default;

StructuralBatch::LanguageRules& StructuralBatch::rules_for(Language language) {
  auto& slot = languages_[language];
  if (slot) return *slot;
  slot = std::make_unique<LanguageRules>();
  LanguageRules& lr = *slot;
  lr.language = language;
  for (const CodeRule* r : rules_) {
    const CompiledQuery* q = r->query->for_language(language);
    if (!q) continue;
    lr.rules.push_back(r);
    std::vector<size_t> ids;
    for (uint32_t p = 0; p < q->pattern_count(); ++p) ids.push_back(lr.prefilter.add(q->required_text(p)));
    lr.conditions.push_back(std::move(ids));
  }
  lr.prefilter.compile();
  return lr;
}

const CombinedQuery* StructuralBatch::combined_for(LanguageRules& lr) {
  if (!lr.combined_built) {
    lr.combined_built = true;
    std::vector<std::string_view> sources;
    for (const CodeRule* r : lr.rules) sources.push_back(r->query->source);
    lr.combined = combine_queries(lr.language, sources, "structural rules for " + std::string(to_string(lr.language)));
  }
  return lr.combined ? &*lr.combined : nullptr;
}

void StructuralBatch::run(const ParsedFile& file, std::vector<Finding>& out) {
  LanguageRules& lr = rules_for(file.file().language);
  if (lr.rules.empty()) return;
  std::vector<bool> possible = lr.prefilter.possible(file.file().text);
  std::vector<bool> wanted(lr.rules.size(), false);
  bool any = false;
  for (size_t i = 0; i < lr.rules.size(); ++i) {
    bool may = std::any_of(lr.conditions[i].begin(), lr.conditions[i].end(), [&](size_t c) { return possible[c]; });
    any |= (wanted[i] = may && lr.rules[i]->applies_to_path(file.file().path));
  }
  if (!any) return;

  // Where the rules' demanded text occurs: matches can only overlap those places, so the walk
  // starts patterns there alone. Too many places (or a rule that demands nothing) and the
  // whole tree is walked.
  constexpr size_t kMaxRanges = 32;
  std::vector<TextPrefilter::Span> spans;
  bool whole = false;
  for (size_t i = 0; i < lr.rules.size() && !whole; ++i) {
    if (!wanted[i]) continue;
    for (size_t c : lr.conditions[i]) {
      if (!possible[c]) continue;  // this pattern cannot match here
      if (!lr.prefilter.spans(file.file().text, c, kMaxRanges, spans)) {
        whole = true;
        break;
      }
    }
  }
  std::vector<TextPrefilter::Span> ranges;
  if (!whole) {
    std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    for (const auto& sp : spans) {
      if (!ranges.empty() && sp.start <= ranges.back().end) ranges.back().end = std::max(ranges.back().end, sp.end);
      else ranges.push_back(sp);
    }
    whole = ranges.size() > kMaxRanges;
  }
  auto walk = [&](const CompiledQuery& q, const std::function<void(const QueryMatch&)>& on_match) {
    if (whole) {
      q.for_each_match(file, on_match);
      return;
    }
    for (const auto& r : ranges) q.for_each_match_in_range(file, r.start, r.end, on_match);
  };

  // One rule: its own query. More: one query of every rule's patterns, the matches of rules
  // the file cannot trigger dropped (one query per subset of rules would cost more to compile
  // than it saves). A match found from two ranges is one finding (emit_rule_hits).
  std::vector<std::vector<RuleHit>> hits(lr.rules.size());
  size_t count = static_cast<size_t>(std::count(wanted.begin(), wanted.end(), true));
  const CombinedQuery* c = count > 1 ? combined_for(lr) : nullptr;
  if (c) {
    walk(c->query, [&](const QueryMatch& m) {
      size_t rule = c->source_of_pattern[m.pattern_index];
      if (wanted[rule]) hits[rule].push_back(rule_hit(*lr.rules[rule], file, m));
    });
  } else {
    for (size_t i = 0; i < lr.rules.size(); ++i)
      if (wanted[i])
        walk(*lr.rules[i]->query->for_language(lr.language),
             [&](const QueryMatch& m) { hits[i].push_back(rule_hit(*lr.rules[i], file, m)); });
  }
  for (size_t i = 0; i < lr.rules.size(); ++i)
    if (!hits[i].empty()) emit_rule_hits(*lr.rules[i], file, hits[i], out);
}

}  // namespace assay::code
