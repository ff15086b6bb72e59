// The analyses run over one Clang AST, and the small AST helpers they share. Included only by
// the engine's translation units (it pulls in Clang's headers).
#pragma once
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceManager.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scanner/code/clang/engine/engine_api.h"

namespace assay::code::clang_engine {

// Which declarations are ours to analyse: those written in one of the scanned files (not in
// system headers, stubs outside the tree or macro bodies from elsewhere).
class AnalysedFiles {
 public:
  AnalysedFiles(const clang::SourceManager& sm, const std::set<std::string>& real_paths);
  bool contains(clang::SourceLocation loc) const;

 private:
  const clang::SourceManager& sm_;
  const std::set<std::string>& real_paths_;
  mutable std::map<clang::FileID, bool> cache_;
};

// A function whose parameters carry tool arguments.
struct HandlerInfo {
  const clang::FunctionDecl* function = nullptr;
  std::string tool;                     // the tool it serves, when known
  std::vector<unsigned> tainted_params; // indexes
};

struct DeclaredTools {
  std::vector<ToolDecl> tools;
  std::vector<HandlerInfo> handlers;
  std::string server_name;
};

// cpp-mcp style tool_builder chains and register_tool calls, C tool tables.
DeclaredTools find_tool_declarations(clang::ASTContext& context, const AnalysedFiles& files);

// Runs every rule over every function defined in the analysed files, starting taint at the
// handlers' parameters and at reads of the request stream (stdin), following calls to
// functions of the same translation unit.
std::vector<SinkEvent> analyse_taint(clang::ASTContext& context, const AnalysedFiles& files,
                                     const std::vector<RuleSpec>& rules,
                                     const std::vector<HandlerInfo>& handlers);

// --- helpers shared by the passes (defined in clang_session.cpp) ---

// The written range of a node, at its expansion site when it comes from a macro.
SourceSpan span_of(const clang::SourceManager& sm, clang::SourceRange range);
// The source text of a range as written (bounded), its first line only.
std::string first_line_of(const clang::SourceManager& sm, const clang::LangOptions& lang,
                          clang::SourceRange range);
// The full source text of a range as written, at the expansion site (bounded).
std::string text_of(const clang::SourceManager& sm, const clang::LangOptions& lang,
                    clang::SourceRange range);
// Qualified name without template arguments or inline namespaces: "std::basic_ifstream::open".
std::string plain_qualified_name(const clang::NamedDecl* decl);
// A string literal's value, looking through casts, temporaries and std::string constructors.
std::optional<std::string> string_literal_value(const clang::Expr* expr);
// The StringLiteral node itself (for its location), same unwrapping as above.
const clang::StringLiteral* find_string_literal(const clang::Expr* expr);
// An expression with implicit wrappers removed: casts, temporaries, cleanups, parentheses,
// copy/move constructions and functional casts.
const clang::Expr* strip_wrappers(const clang::Expr* expr);

}  // namespace assay::code::clang_engine
