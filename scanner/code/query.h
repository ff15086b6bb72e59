// tree-sitter queries with predicates evaluated by us: the C library only parses them.
#pragma once
#include <tree_sitter/api.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scanner/code/parse.h"
#include "scanner/code/source_file.h"

namespace assay::code {

struct QueryMatch {
  // Every captured node of the match, in pattern order; a name may appear more than once
  // (quantified captures).
  std::vector<std::pair<std::string_view, TSNode>> captures;
  uint32_t pattern_index = 0;

  // The first node captured under `name`; a null node (ts_node_is_null) if there is none.
  TSNode capture(std::string_view name) const;
};

class CompiledQuery {
 public:
  // Compiles `source` for `language`'s grammar. `where` names the rule file and the line the
  // query starts on ("rules/code/javascript/MCP101-x.yaml:12"); errors throw AssayError(input)
  // naming where + the offending query line: a syntax error, an unknown node type or field,
  // an unknown predicate, a bad regex.
  // Predicates: #eq? #not-eq? #match? #not-match? (RE2, unanchored) #any-of? #not-any-of?,
  // each with a capture first and a string or capture second; `#set!` and the #is? family
  // are refused too. All captures named in predicates must exist in the pattern.
  static CompiledQuery compile(Language language, std::string_view source, std::string_view where);

  CompiledQuery(CompiledQuery&&) noexcept;
  CompiledQuery& operator=(CompiledQuery&&) noexcept;
  ~CompiledQuery();

  Language language() const;
  const std::string& where() const;

  // Calls `on_match` for every match whose predicates hold, in document order.
  // Nodes in the match are valid while `file` lives.
  void for_each_match(const ParsedFile& file,
                      const std::function<void(const QueryMatch&)>& on_match) const;
  // Same, restricted to a subtree (e.g. one function body).
  void for_each_match_in(const ParsedFile& file, TSNode scope,
                         const std::function<void(const QueryMatch&)>& on_match) const;

  // Same, for matches that overlap bytes [start, end): patterns start only at nodes there, and
  // the walk skips what lies wholly before or after.
  void for_each_match_in_range(const ParsedFile& file, uint32_t start, uint32_t end,
                               const std::function<void(const QueryMatch&)>& on_match) const;

  // Index of a capture name, -1 if the query has none by that name.
  int capture_index(std::string_view name) const;

  // The query's patterns and where each starts in its source: a query built from several
  // rules' sources maps a match's pattern_index back to its rule by this offset.
  uint32_t pattern_count() const;
  uint32_t pattern_start_byte(uint32_t pattern) const;
  // Regexes that must each match somewhere in a file's text for `pattern` to match in it: its
  // positive #eq?, #any-of? and #match? predicates on captures the pattern always takes.
  const std::vector<std::string>& required_text(uint32_t pattern) const;
  // In-progress matches allowed at once (default 4096); a query of many patterns needs more.
  void set_match_limit(uint32_t limit);

 private:
  struct Impl;
  explicit CompiledQuery(std::unique_ptr<Impl> impl);
  void run(const ParsedFile& file, TSNode scope, uint32_t start, uint32_t end,
           const std::function<void(const QueryMatch&)>& on_match) const;
  std::unique_ptr<Impl> impl_;
};

// Several queries run as one, so a file's tree is walked once for all of them: their sources
// concatenated and compiled for `language`, each pattern mapped back to the source it came from
// by where it starts. Each source keeps the in-progress matches a query of its own would have.
struct CombinedQuery {
  CompiledQuery query;
  std::vector<size_t> source_of_pattern;  // pattern index -> index into `sources`
};
// Nothing when `sources` is empty or the concatenation does not compile or map back (the
// callers compiled each source on its own, and then run them one by one).
std::optional<CombinedQuery> combine_queries(Language language, const std::vector<std::string_view>& sources,
                                             std::string_view where);

}  // namespace assay::code
