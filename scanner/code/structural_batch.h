// A scan's structural rules run as one tree-sitter query per language, so each file's tree is
// walked once rather than once per rule: a query cursor's walk, not the pattern matching, is
// what a pass over a large tree costs. And a file is walked only for the rules whose predicates
// its text can satisfy at all (TextPrefilter): most files of a dependency tree hold no
// credential path, endpoint or key format, and skip the walk entirely.
#pragma once
#include <map>
#include <memory>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/parse.h"
#include "scanner/model/finding.h"

namespace assay::code {

class StructuralBatch {
 public:
  // Keeps pointers into `rules`, which must outlive the batch. Only rules with a `query:` take
  // part; a language's queries are combined when a file of that language first needs them.
  explicit StructuralBatch(const std::vector<CodeRule>& rules);
  StructuralBatch(const StructuralBatch&) = delete;
  StructuralBatch& operator=(const StructuralBatch&) = delete;
  ~StructuralBatch();

  // The findings run_query_rule would give for every structural rule that applies to the
  // file's language and path, in rule order.
  void run(const ParsedFile& file, std::vector<Finding>& out);

 private:
  struct LanguageRules;
  LanguageRules& rules_for(Language language);
  const CombinedQuery* combined_for(LanguageRules& lr);

  std::vector<const CodeRule*> rules_;
  std::map<Language, std::unique_ptr<LanguageRules>> languages_;
};

}  // namespace assay::code
