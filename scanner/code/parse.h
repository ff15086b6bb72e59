// tree-sitter front end: the grammars we compile in and one parsed file that owns its tree.
#pragma once
#include <tree_sitter/api.h>

#include <string_view>

#include "scanner/code/source_file.h"
#include "scanner/model/finding.h"

namespace assay::code {

// The compiled-in grammar for a language; nullptr for c and cpp (Clang's job).
const TSLanguage* grammar(Language language);

// Checks every compiled-in grammar's ABI against the runtime's supported range
// (TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION..TREE_SITTER_LANGUAGE_VERSION); throws
// AssayError(input) naming the grammar otherwise. Called once at start-up; cheap after that.
void check_grammar_abi();

class ParsedFile {
 public:
  ParsedFile(SourceFile file, TSTree* tree);
  ~ParsedFile();
  ParsedFile(ParsedFile&& other) noexcept;
  ParsedFile& operator=(ParsedFile&& other) noexcept;
  ParsedFile(const ParsedFile&) = delete;
  ParsedFile& operator=(const ParsedFile&) = delete;

  const SourceFile& file() const { return file_; }
  TSNode root() const { return ts_tree_root_node(tree_); }
  const TSTree* tree() const { return tree_; }

  // The source text a node spans (empty for a null node).
  std::string_view text(TSNode node) const;
  // Where a node is: file = file().path, 1-based lines, columns in code points, end exclusive.
  PhysicalLocation location(TSNode node) const;
  // 1-based line of a byte offset; columns in code points for a byte offset on its line.
  int line_of(uint32_t byte) const;
  int column_of(uint32_t byte) const;

 private:
  SourceFile file_;
  TSTree* tree_ = nullptr;
};

// Parses with the file's grammar. Throws AssayError(input) for c/cpp, for a parse that fails
// or is cancelled (the parser has a time budget: a hostile file must not hang the scan).
ParsedFile parse(SourceFile file);

}  // namespace assay::code
