// Finds the tools a C/C++ server declares: cpp-mcp `tool_builder("name").with_...().build()`
// chains registered with `register_tool(tool, handler)`, and C tool tables
// (`{"name", "description", handler}` rows of a struct whose type names a tool).
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <cctype>

#include "scanner/code/clang/engine/ast_passes.h"

namespace assay::code::clang_engine {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Unwraps what a builder chain passes through between calls, but keeps constructions.
const clang::Expr* strip_temporaries(const clang::Expr* e) {
  while (e) {
    const clang::Expr* next = e->IgnoreParenImpCasts();
    if (auto* m = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(next)) next = m->getSubExpr();
    else if (auto* b = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(next)) next = b->getSubExpr();
    else if (auto* c = llvm::dyn_cast<clang::ExprWithCleanups>(next)) next = c->getSubExpr();
    else if (auto* f = llvm::dyn_cast<clang::CXXFunctionalCastExpr>(next)) next = f->getSubExpr();
    else if (auto* k = llvm::dyn_cast<clang::CXXConstructExpr>(next);
             k && k->getNumArgs() == 1 && k->getConstructor()->isCopyOrMoveConstructor()) {
      next = k->getArg(0);
    }
    if (next == e) return e;
    e = next;
  }
  return e;
}

bool is_builder_record(const clang::CXXRecordDecl* record) {
  return record && record->getName() == "tool_builder";
}

const clang::CXXMemberCallExpr* as_builder_call(const clang::Expr* e) {
  auto* call = llvm::dyn_cast_or_null<clang::CXXMemberCallExpr>(strip_temporaries(e));
  if (!call || !call->getMethodDecl()) return nullptr;
  return is_builder_record(call->getMethodDecl()->getParent()) ? call : nullptr;
}

// The first node of `kind` in a subtree (pre-order), e.g. the lambda passed as a handler.
template <typename Node>
const Node* find_first(const clang::Stmt* s) {
  if (!s) return nullptr;
  if (auto* n = llvm::dyn_cast<Node>(s)) return n;
  for (const clang::Stmt* child : s->children()) {
    if (auto* found = find_first<Node>(child)) return found;
  }
  return nullptr;
}

const clang::FunctionDecl* handler_function(const clang::Expr* e) {
  if (auto* lambda = find_first<clang::LambdaExpr>(e)) return lambda->getCallOperator();
  for (const clang::Stmt* s = e; s;) {
    if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(s)) {
      return llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl());
    }
    auto it = s->child_begin();
    s = it == s->child_end() ? nullptr : *it;
  }
  return nullptr;
}

class DeclarationCollector : public clang::RecursiveASTVisitor<DeclarationCollector> {
 public:
  DeclarationCollector(clang::ASTContext& context, const AnalysedFiles& files)
      : context_(context), sm_(context.getSourceManager()), files_(files) {}

  bool VisitCXXMemberCallExpr(clang::CXXMemberCallExpr* call) {
    if (!files_.contains(call->getBeginLoc())) return true;
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (!method || !method->getDeclName().isIdentifier()) return true;
    llvm::StringRef name = method->getName();
    if (name == "build" && is_builder_record(method->getParent())) builds_.push_back(call);
    if ((name == "register_tool" || name == "add_tool") && call->getNumArgs() >= 2) {
      registrations_.push_back(call);
    }
    if (name == "set_server_info" && call->getNumArgs() >= 1 && server_name_.empty()) {
      server_name_ = string_literal_value(call->getArg(0)).value_or("");
    }
    return true;
  }

  // cpp-mcp's tool_handler signature, `json handler(const json& params, const std::string&
  // session_id)`: a handler even when it is registered somewhere we cannot follow.
  bool VisitFunctionDecl(clang::FunctionDecl* fn) {
    if (!fn->doesThisDeclarationHaveABody() || fn->getNumParams() != 2 ||
        !files_.contains(fn->getLocation())) {
      return true;
    }
    auto record_name = [](clang::QualType t) -> std::string {
      const clang::CXXRecordDecl* r = t.getNonReferenceType()->getAsCXXRecordDecl();
      return r && r->getDeclName().isIdentifier() ? r->getName().str() : std::string();
    };
    std::string first = record_name(fn->getParamDecl(0)->getType());
    if ((first == "json" || first == "basic_json") &&
        record_name(fn->getParamDecl(1)->getType()) == "basic_string") {
      signature_handlers_.push_back(fn);
    }
    return true;
  }

  bool VisitVarDecl(clang::VarDecl* var) {
    if (var->hasInit() && files_.contains(var->getLocation())) vars_.push_back(var);
    return true;
  }

  bool VisitInitListExpr(clang::InitListExpr* list) {
    if (files_.contains(list->getBeginLoc())) init_lists_.push_back(list);
    return true;
  }

  DeclaredTools finish() {
    DeclaredTools out;
    out.server_name = server_name_;
    // First, so a registration below (which knows the tool's name) takes precedence.
    for (const clang::FunctionDecl* fn : signature_handlers_) out.handlers.push_back({fn, "", {0}});
    std::map<const clang::Expr*, std::size_t> tool_of_build;
    for (const clang::CXXMemberCallExpr* build : builds_) {
      if (auto tool = parse_chain(build)) {
        tool_of_build[build] = out.tools.size();
        out.tools.push_back(std::move(*tool));
      }
    }
    std::map<const clang::VarDecl*, std::size_t> tool_of_var;
    for (const clang::VarDecl* var : vars_) {
      if (auto* build = find_build(var->getInit())) {
        auto it = tool_of_build.find(build);
        if (it != tool_of_build.end()) tool_of_var[var] = it->second;
      }
    }
    for (const clang::CXXMemberCallExpr* reg : registrations_) {
      std::optional<std::size_t> tool;
      const clang::Expr* first = strip_temporaries(reg->getArg(0));
      if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(first)) {
        auto it = tool_of_var.find(llvm::dyn_cast<clang::VarDecl>(ref->getDecl()));
        if (it != tool_of_var.end()) tool = it->second;
      } else if (auto* build = find_build(first)) {
        auto it = tool_of_build.find(build);
        if (it != tool_of_build.end()) tool = it->second;
      }
      const clang::FunctionDecl* fn = handler_function(reg->getArg(1));
      if (!fn) continue;
      HandlerInfo handler{fn, tool ? out.tools[*tool].name : std::string(), {0}};
      if (tool) out.tools[*tool].handler = fn->getNameAsString();
      out.handlers.push_back(std::move(handler));
    }
    collect_tool_tables(out);
    return out;
  }

 private:
  const clang::CXXMemberCallExpr* find_build(const clang::Expr* e) {
    for (const clang::Expr* cur = e; cur;) {
      cur = strip_temporaries(cur);
      auto* call = llvm::dyn_cast<clang::CXXMemberCallExpr>(cur);
      if (!call) {
        // `mcp::tool t = ...build();` may copy-construct through a non-trivial constructor.
        auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(cur);
        if (construct && construct->getNumArgs() >= 1) {
          cur = construct->getArg(0);
          continue;
        }
        return nullptr;
      }
      const clang::CXXMethodDecl* m = call->getMethodDecl();
      if (m && m->getDeclName().isIdentifier() && m->getName() == "build") return call;
      return nullptr;
    }
    return nullptr;
  }

  std::optional<ToolDecl> parse_chain(const clang::CXXMemberCallExpr* build) {
    std::vector<const clang::CXXMemberCallExpr*> steps;
    const clang::Expr* cur = build->getImplicitObjectArgument();
    const clang::CXXConstructExpr* root = nullptr;
    while (cur) {
      if (auto* step = as_builder_call(cur)) {
        steps.push_back(step);
        cur = step->getImplicitObjectArgument();
        continue;
      }
      root = llvm::dyn_cast_or_null<clang::CXXConstructExpr>(strip_temporaries(cur));
      break;
    }
    if (!root || root->getNumArgs() < 1) return std::nullopt;
    const clang::StringLiteral* name = find_string_literal(root->getArg(0));
    if (!name) return std::nullopt;
    ToolDecl tool;
    tool.name = name->getString().str();
    tool.name_span = span_of(sm_, name->getSourceRange());
    tool.description_is_literal = true;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) apply_step(**it, tool);
    return tool;
  }

  void apply_step(const clang::CXXMemberCallExpr& step, ToolDecl& tool) {
    std::string method = step.getMethodDecl()->getNameAsString();
    if (method == "with_description" && step.getNumArgs() >= 1) {
      if (const clang::StringLiteral* lit = find_string_literal(step.getArg(0))) {
        tool.description = lit->getString().str();
        tool.description_span = span_of(sm_, lit->getSourceRange());
        tool.description_is_literal = true;
      } else {
        tool.description_is_literal = false;
        tool.description_span = span_of(sm_, step.getArg(0)->getSourceRange());
      }
      return;
    }
    static const std::map<std::string, std::pair<std::string, unsigned>> kParamMethods = {
        {"with_string_param", {"string", 2}}, {"with_number_param", {"number", 2}},
        {"with_boolean_param", {"boolean", 2}}, {"with_array_param", {"array", 3}},
        {"with_object_param", {"object", 3}}};
    auto kind = kParamMethods.find(method);
    if (kind == kParamMethods.end() || step.getNumArgs() < 2) return;
    const clang::StringLiteral* name = find_string_literal(step.getArg(0));
    if (!name) return;
    ParamDecl param;
    param.name = name->getString().str();
    param.type = kind->second.first;
    param.name_span = span_of(sm_, name->getSourceRange());
    if (const clang::StringLiteral* desc = find_string_literal(step.getArg(1))) {
      param.description = desc->getString().str();
      param.description_span = span_of(sm_, desc->getSourceRange());
    }
    unsigned required_at = kind->second.second;
    if (required_at < step.getNumArgs()) {
      const clang::Expr* flag = step.getArg(required_at)->IgnoreParenImpCasts();
      if (auto* b = llvm::dyn_cast<clang::CXXBoolLiteralExpr>(flag)) param.required = b->getValue();
    }
    tool.params.push_back(std::move(param));
  }

  // `static const struct tool_def TOOLS[] = {{"run", "Runs a command", tool_run}, ...};`
  void collect_tool_tables(DeclaredTools& out) {
    std::set<const clang::StringLiteral*> seen;
    for (const clang::InitListExpr* list : init_lists_) {
      if (lower(list->getType().getAsString()).find("tool") == std::string::npos) continue;
      std::vector<const clang::StringLiteral*> strings;
      const clang::FunctionDecl* fn = nullptr;
      int functions = 0;
      for (const clang::Expr* init : list->inits()) {
        const clang::Expr* e = init->IgnoreParenImpCasts();
        if (auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) strings.push_back(lit);
        if (auto* u = llvm::dyn_cast<clang::UnaryOperator>(e)) e = u->getSubExpr()->IgnoreParenImpCasts();
        if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
          if (auto* f = llvm::dyn_cast<clang::FunctionDecl>(ref->getDecl())) {
            fn = f;
            ++functions;
          }
        }
      }
      if (strings.empty() || functions != 1 || !seen.insert(strings[0]).second) continue;
      ToolDecl tool;
      tool.name = strings[0]->getString().str();
      tool.name_span = span_of(sm_, strings[0]->getSourceRange());
      if (strings.size() >= 2) {
        tool.description = strings[1]->getString().str();
        tool.description_span = span_of(sm_, strings[1]->getSourceRange());
      }
      tool.handler = fn->getNameAsString();
      std::vector<unsigned> params;
      for (unsigned i = 0; i < fn->getNumParams(); ++i) params.push_back(i);
      out.handlers.push_back({fn, tool.name, params});
      out.tools.push_back(std::move(tool));
    }
  }

  clang::ASTContext& context_;
  const clang::SourceManager& sm_;
  const AnalysedFiles& files_;
  std::vector<const clang::CXXMemberCallExpr*> builds_;
  std::vector<const clang::CXXMemberCallExpr*> registrations_;
  std::vector<const clang::VarDecl*> vars_;
  std::vector<const clang::InitListExpr*> init_lists_;
  std::vector<const clang::FunctionDecl*> signature_handlers_;
  std::string server_name_;
};

}  // namespace

DeclaredTools find_tool_declarations(clang::ASTContext& context, const AnalysedFiles& files) {
  DeclarationCollector collector(context, files);
  collector.TraverseDecl(context.getTranslationUnitDecl());
  return collector.finish();
}

}  // namespace assay::code::clang_engine
