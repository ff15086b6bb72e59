// What every dataflow rule needs of one file, found once for all of them: the file's index,
// its callee names, and the matches of every rule's sink and sanitizer patterns from a single
// walk of the tree (one query per language holding all those patterns).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/extract/file_index.h"
#include "scanner/code/query.h"
#include "scanner/code/taint/callee_names.h"

namespace assay::code {

// The combined sink and sanitizer query of a scan's dataflow rules, per language. Lives as long
// as the scan: matches found with it name their captures through it.
class DataflowPatterns {
 public:
  // Keeps pointers into `rules`, which must outlive it.
  explicit DataflowPatterns(const std::vector<CodeRule>& rules);
  DataflowPatterns(const DataflowPatterns&) = delete;
  DataflowPatterns& operator=(const DataflowPatterns&) = delete;
  ~DataflowPatterns();

  // Each pattern's matches in `file`, by pattern; false when they could not be combined (the
  // engine then runs each pattern's own query).
  bool find_all(const ParsedFile& file, std::map<const DataflowPattern*, std::vector<QueryMatch>>& out);

 private:
  struct Combined {
    std::vector<const DataflowPattern*> patterns;  // of this language, in the query's source order
    std::optional<CombinedQuery> query;            // empty: the engine runs each pattern's own query
  };
  std::vector<const DataflowPattern*> patterns_;
  std::map<Language, Combined> combined_;
};

class FileFacts {
 public:
  FileFacts(const ParsedFile& file, DataflowPatterns* patterns);
  const FileIndex& index() const { return index_; }
  const CalleeNames& names() const { return names_; }
  // The matches of `pattern` in the file, or nullptr when the engine must run its query.
  const std::vector<QueryMatch>* matches(const DataflowPattern& pattern) const;

 private:
  FileIndex index_;
  CalleeNames names_;
  bool combined_ = false;
  std::map<const DataflowPattern*, std::vector<QueryMatch>> matches_;
};

}  // namespace assay::code
