// Runs Clang over each C/C++ translation unit of a scanned tree and hands the AST to the
// passes; also the AST helpers the passes share. The scanned tree is hostile: its
// compile_commands.json may name compiler plugins (code we would load), its code may not
// compile, and Clang itself may crash on it; none of that may take the scanner down.
#include <clang/AST/ASTConsumer.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/PrettyPrinter.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Lex/Lexer.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/JSONCompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/CrashRecoveryContext.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <chrono>
#include <cstring>
#include <filesystem>

#include "scanner/code/clang/engine/ast_passes.h"

namespace assay::code::clang_engine {
namespace {

namespace fs = std::filesystem;
using clang::tooling::CommandLineArguments;

// Where empty stand-ins for headers the tree does not provide live (in memory only).
constexpr const char* kMissingHeaderRoot = "/__mcp_assay_missing_headers__";
constexpr std::size_t kMaxTextBytes = 4096;

bool is_c_source(const std::string& path) {
  return llvm::sys::path::extension(path) == ".c";
}

std::string real_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// Flags for a file the tree gives no compile command for: the language by extension, the
// tree's root and its usual include folders on the path.
std::vector<std::string> fallback_flags(const std::string& file, const std::string& root) {
  std::vector<std::string> flags;
  if (is_c_source(file)) {
    flags = {"-xc", "-std=c11"};
  } else {
    flags = {"-xc++", "-std=c++17"};
  }
  for (const char* dir : {"", "/include", "/src"}) flags.push_back("-I" + root + dir);
  flags.push_back("-I" + fs::path(file).parent_path().string());
  return flags;
}

// Drops every flag that would make Clang load code from the scanned tree (plugins), write
// files, or stop early; adds what a tolerant syntax-only parse needs.
CommandLineArguments harden_arguments(const CommandLineArguments& args, llvm::StringRef) {
  CommandLineArguments out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    llvm::StringRef flag(a);
    if ((flag == "-mllvm" || flag == "--config") && i + 1 < args.size()) {
      ++i;  // a config file could bring back what is dropped here; backend options are not needed
      continue;
    }
    if (flag.startswith("-fplugin") || flag.startswith("-fpass-plugin") || flag == "-Werror" ||
        flag.startswith("-Werror=") || flag.startswith("-ferror-limit") || flag.startswith("@") ||
        flag.startswith("--config")) {
      continue;  // response and config files could bring the flags above back
    }
    if (flag == "-Xclang" && i + 1 < args.size()) {
      llvm::StringRef next(args[i + 1]);
      if (next == "-load" || next.startswith("-plugin") || next.startswith("-add-plugin") ||
          next.startswith("-fplugin")) {
        i += (next == "-load" || next == "-plugin-arg" || next == "-add-plugin" ||
              next == "-plugin") ? 3 : 1;  // the -Xclang carrying the operand too
        continue;
      }
    }
    out.push_back(a);
  }
  // The compiler named by the tree (argv[0]) decides where the driver looks for config files:
  // a prefixed name ("x86_64-evil-clang") beside a planted .cfg would load flags of its own.
  if (!out.empty()) out[0] = "clang";
  return out;
}

// Makes a missing #include a non-event: Clang treats it as fatal, and after a fatal error it
// stops analysing. Every header name the scanned files include gets an empty stand-in in an
// in-memory directory searched last (-idirafter), so real headers win and missing ones parse
// as empty. (Recovering in a PPCallbacks::FileNotFound instead inserts a search directory
// mid-parse, which breaks libstdc++'s #include_next chains.)
void add_header_stand_ins(const std::vector<std::string>& files, llvm::vfs::InMemoryFileSystem& memory) {
  constexpr std::size_t kMaxScanBytes = 4u << 20;
  for (const std::string& path : files) {
    auto buffer = llvm::MemoryBuffer::getFile(path);
    if (!buffer) continue;
    llvm::StringRef text = (*buffer)->getBuffer().take_front(kMaxScanBytes);
    while (!text.empty()) {
      auto [line, rest] = text.split('\n');
      text = rest;
      line = line.ltrim();
      if (!line.consume_front("#")) continue;
      line = line.ltrim();
      if (!line.consume_front("include_next") && !line.consume_front("include") &&
          !line.consume_front("import")) {
        continue;
      }
      line = line.ltrim();
      if (line.empty() || (line[0] != '"' && line[0] != '<')) continue;
      char close = line[0] == '"' ? '"' : '>';
      llvm::StringRef name = line.drop_front().take_until([close](char c) { return c == close; });
      if (name.empty() || name.size() > 256 || name.startswith("/") || name.contains("..") ||
          name.contains('\\')) {
        continue;
      }
      memory.addFile(std::string(kMissingHeaderRoot) + "/" + name.str(), 0,
                     llvm::MemoryBuffer::getMemBuffer(""));
    }
  }
}

struct SessionState {
  const EngineInput& input;
  std::set<std::string> analysed_real_paths;
  llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> missing_headers;
  EngineOutput& output;
  std::set<std::string> seen_events;  // a header included by two units reports once
  std::set<std::string> seen_tools;
  std::string failure;                // set when a pass threw
};

std::string event_key(const SinkEvent& e) {
  return e.rule_id + "|" + e.span.file + "|" + std::to_string(e.span.line) + "|" +
         std::to_string(e.span.column);
}

class AnalysisConsumer : public clang::ASTConsumer {
 public:
  explicit AnalysisConsumer(SessionState& state) : state_(state) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    // No exception may unwind through Clang's frames (built without exception support).
    try {
      AnalysedFiles files(context.getSourceManager(), state_.analysed_real_paths);
      DeclaredTools declared = find_tool_declarations(context, files);
      for (ToolDecl& tool : declared.tools) {
        std::string key = tool.name + "|" + tool.name_span.file + "|" +
                          std::to_string(tool.name_span.line);
        if (state_.seen_tools.insert(key).second) state_.output.tools.push_back(std::move(tool));
      }
      if (state_.output.server_name.empty()) state_.output.server_name = declared.server_name;
      for (SinkEvent& e : analyse_taint(context, files, state_.input.rules, declared.handlers)) {
        if (state_.seen_events.insert(event_key(e)).second) {
          state_.output.events.push_back(std::move(e));
        }
      }
    } catch (const std::exception& e) {
      state_.failure = e.what();
    } catch (...) {
      state_.failure = "unexpected error in the analysis";
    }
  }

 private:
  SessionState& state_;
};

class AnalysisAction : public clang::ASTFrontendAction {
 public:
  explicit AnalysisAction(SessionState& state) : state_(state) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance&,
                                                        llvm::StringRef) override {
    return std::make_unique<AnalysisConsumer>(state_);
  }

 private:
  SessionState& state_;
};

class AnalysisActionFactory : public clang::tooling::FrontendActionFactory {
 public:
  explicit AnalysisActionFactory(SessionState& state) : state_(state) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<AnalysisAction>(state_);
  }

 private:
  SessionState& state_;
};

// Swallows every diagnostic: the scanned code need not compile.
class SilentDiagnostics : public clang::DiagnosticConsumer {
  void HandleDiagnostic(clang::DiagnosticsEngine::Level, const clang::Diagnostic&) override {}
};

std::unique_ptr<clang::tooling::CompilationDatabase> load_tree_database(const std::string& root) {
  for (const char* dir : {"", "/build"}) {
    std::string path = root + dir + "/compile_commands.json";
    if (!fs::is_regular_file(path)) continue;
    std::string error;
    auto db = clang::tooling::JSONCompilationDatabase::loadFromFile(
        path, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
    if (db) return db;
  }
  return nullptr;
}

void run_one(SessionState& state, const clang::tooling::CompilationDatabase& db,
             const std::string& file) {
  auto overlay = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(llvm::vfs::getRealFileSystem());
  overlay->pushOverlay(state.missing_headers);
  clang::tooling::ClangTool tool(db, {file}, std::make_shared<clang::PCHContainerOperations>(),
                                 overlay);
  SilentDiagnostics silent;
  tool.setDiagnosticConsumer(&silent);
  tool.setPrintErrorMessage(false);
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripOutputAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getClangStripDependencyFileAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getStripPluginsAdjuster());
  tool.appendArgumentsAdjuster(harden_arguments);
  tool.appendArgumentsAdjuster(clang::tooling::getClangSyntaxOnlyAdjuster());
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      CommandLineArguments{"-w", "-ferror-limit=0", "-fno-spell-checking",
                           "-resource-dir=" ASSAY_CLANG_RESOURCE_DIR, "-idirafter", kMissingHeaderRoot},
      clang::tooling::ArgumentInsertPosition::END));
  AnalysisActionFactory factory(state);
  state.failure.clear();
  llvm::CrashRecoveryContext crash_guard;
  int status = 0;
  bool survived = crash_guard.RunSafely([&] { status = tool.run(&factory); });
  if (!survived) {
    state.output.skipped.push_back(file + ": Clang crashed while parsing it");
  } else if (!state.failure.empty()) {
    state.output.skipped.push_back(file + ": analysis failed: " + state.failure);
  } else {
    // status != 0 only says the code has errors; whatever AST exists has been analysed.
    (void)status;
    ++state.output.translation_units;
  }
}

}  // namespace

EngineOutput analyse_c_family(const EngineInput& input) {
  EngineOutput output;
  SessionState state{input, {}, llvm::makeIntrusiveRefCnt<llvm::vfs::InMemoryFileSystem>(),
                     output, {}, {}, {}};
  for (const std::string& f : input.analysed_files) state.analysed_real_paths.insert(real_path(f));
  add_header_stand_ins(input.analysed_files, *state.missing_headers);

  std::unique_ptr<clang::tooling::CompilationDatabase> tree_db = load_tree_database(input.root);
  auto started = std::chrono::steady_clock::now();
  llvm::CrashRecoveryContext::Enable();
  for (const std::string& file : input.source_files) {
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    if (elapsed.count() > input.time_budget_seconds) {
      output.skipped.push_back(file + ": not parsed, the C/C++ time budget was used up");
      continue;
    }
    if (tree_db && !tree_db->getCompileCommands(file).empty()) {
      run_one(state, *tree_db, file);
    } else {
      clang::tooling::FixedCompilationDatabase fixed(fs::path(file).parent_path().string(),
                                                     fallback_flags(file, input.root));
      run_one(state, fixed, file);
    }
  }
  llvm::CrashRecoveryContext::Disable();
  return output;
}

// --- helpers shared by the passes ---

AnalysedFiles::AnalysedFiles(const clang::SourceManager& sm, const std::set<std::string>& real_paths)
    : sm_(sm), real_paths_(real_paths) {}

bool AnalysedFiles::contains(clang::SourceLocation loc) const {
  if (loc.isInvalid()) return false;
  clang::FileID id = sm_.getFileID(sm_.getExpansionLoc(loc));
  auto it = cache_.find(id);
  if (it != cache_.end()) return it->second;
  bool ours = false;
  if (const clang::FileEntry* entry = sm_.getFileEntryForID(id)) {
    llvm::StringRef real = entry->tryGetRealPathName();
    std::string path = real.empty() ? real_path(entry->getName().str()) : real.str();
    ours = real_paths_.count(path) > 0;
  }
  cache_.emplace(id, ours);
  return ours;
}

SourceSpan span_of(const clang::SourceManager& sm, clang::SourceRange range) {
  SourceSpan span;
  clang::SourceLocation begin = sm.getExpansionLoc(range.getBegin());
  clang::SourceLocation end = sm.getExpansionRange(range.getEnd()).getEnd();
  if (begin.isInvalid()) return span;
  clang::PresumedLoc b = sm.getPresumedLoc(begin, false);
  if (b.isInvalid()) return span;
  const clang::FileEntry* entry = sm.getFileEntryForID(sm.getFileID(begin));
  if (entry) {
    llvm::StringRef real = entry->tryGetRealPathName();
    span.file = real.empty() ? entry->getName().str() : real.str();
  } else {
    span.file = b.getFilename();
  }
  span.line = static_cast<int>(b.getLine());
  span.column = static_cast<int>(b.getColumn());
  if (end.isValid()) {
    // The end location is the start of the last token; step over it for an exclusive end.
    unsigned length = clang::Lexer::MeasureTokenLength(end, sm, clang::LangOptions());
    clang::PresumedLoc e = sm.getPresumedLoc(end, false);
    if (e.isValid()) {
      span.end_line = static_cast<int>(e.getLine());
      span.end_column = static_cast<int>(e.getColumn() + length);
    }
  }
  return span;
}

std::string text_of(const clang::SourceManager& sm, const clang::LangOptions& lang,
                    clang::SourceRange range) {
  clang::CharSourceRange chars = clang::CharSourceRange::getTokenRange(
      sm.getExpansionLoc(range.getBegin()), sm.getExpansionRange(range.getEnd()).getEnd());
  bool invalid = false;
  llvm::StringRef text = clang::Lexer::getSourceText(chars, sm, lang, &invalid);
  if (invalid) return {};
  return text.substr(0, kMaxTextBytes).str();
}

std::string first_line_of(const clang::SourceManager& sm, const clang::LangOptions& lang,
                          clang::SourceRange range) {
  std::string text = text_of(sm, lang, range);
  std::size_t nl = text.find('\n');
  if (nl != std::string::npos) text.resize(nl);
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string plain_qualified_name(const clang::NamedDecl* decl) {
  if (!decl) return {};
  std::string name = decl->getQualifiedNameAsString();
  // Drop template arguments ("std::basic_ifstream<char>::open" -> "std::basic_ifstream::open").
  std::string out;
  int depth = 0;
  for (char c : name) {
    if (c == '<') ++depth;
    else if (c == '>' && depth > 0) --depth;
    else if (depth == 0) out.push_back(c);
  }
  // libstdc++'s ABI namespace is inline but printed by some paths.
  for (const std::string ns : {"__cxx11::", "__1::"}) {
    std::size_t at;
    while ((at = out.find(ns)) != std::string::npos) out.erase(at, ns.size());
  }
  return out;
}

const clang::Expr* strip_wrappers(const clang::Expr* expr) {
  while (expr) {
    const clang::Expr* next = expr->IgnoreParenImpCasts();
    if (auto* m = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) next = m->getSubExpr();
    else if (auto* b = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) next = b->getSubExpr();
    else if (auto* c = llvm::dyn_cast<clang::ExprWithCleanups>(next)) next = c->getSubExpr();
    else if (auto* f = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(next)) next = f->getSubExpr();
    else if (auto* s = llvm::dyn_cast<clang::CStyleCastExpr>(next)) next = s->getSubExpr();
    else if (auto* k = llvm::dyn_cast<clang::CXXConstructExpr>(next);
             k && k->getNumArgs() >= 1 && !llvm::isa<clang::CXXTemporaryObjectExpr>(k) &&
             (k->getConstructor()->isCopyOrMoveConstructor() || k->getNumArgs() == 1 ||
              llvm::isa<clang::CXXDefaultArgExpr>(k->getArg(1)))) {
      next = k->getArg(0);
    }
    if (next == expr) return expr;
    expr = next;
  }
  return expr;
}

const clang::StringLiteral* find_string_literal(const clang::Expr* expr) {
  return llvm::dyn_cast_or_null<clang::StringLiteral>(strip_wrappers(expr));
}

std::optional<std::string> string_literal_value(const clang::Expr* expr) {
  const clang::StringLiteral* literal = find_string_literal(expr);
  if (!literal || literal->getCharByteWidth() != 1) return std::nullopt;
  return literal->getString().str();
}

}  // namespace assay::code::clang_engine
