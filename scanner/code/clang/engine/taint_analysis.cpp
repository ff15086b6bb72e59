// Taint from tool arguments to sinks in C/C++ function bodies, and constant folding of the
// values that reach sinks. Flow-insensitive within a function (a local is tainted if any
// assignment taints it), which over-approximates the way a reviewer reads a handler; calls to
// functions defined in the scanned files are followed with the arguments' taint.
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>

#include "scanner/code/clang/engine/ast_passes.h"

namespace assay::code::clang_engine {
namespace {

constexpr int kMaxCallDepth = 6;
constexpr int kMaxFixpointRounds = 8;
constexpr const char* kRequestSource = "request";
// Methods that read a member of a JSON object by key (nlohmann/cpp-mcp json, jsoncpp, ...).
const std::set<std::string> kKeyedAccessors = {"at", "value", "get", "find", "count", "contains",
                                               "get_string"};

struct Taint {
  bool on = false;
  std::string source;         // the tool argument, handler parameter or "request"
  uint64_t clean = 0;         // bit i: sanitized for rule i
  uint64_t canonical = 0;     // bit i: produced by rule i's canonicalizer (clean once checked)
};

Taint merge(const Taint& a, const Taint& b) {
  if (!a.on) return b;
  if (!b.on) return a;
  Taint out = a;
  out.clean = a.clean & b.clean;
  out.canonical = a.canonical & b.canonical;
  return out;
}

bool same(const Taint& a, const Taint& b) {
  return a.on == b.on && a.clean == b.clean && a.canonical == b.canonical && a.source == b.source;
}

// Scalars cannot carry an injection: `atoi(arg)` or `params["n"].get<int>()` is clean.
bool is_scalar(clang::QualType type) {
  if (type.isNull() || type->isDependentType()) return false;
  type = type.getNonReferenceType().getCanonicalType();
  return type->isArithmeticType() || type->isEnumeralType() || type->isNullPtrType();
}

bool identifier_like(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The names a sink or sanitizer spec may use for a call's target: plain names for free
// functions, qualified names (no template arguments) for everything.
struct CalleeNames {
  std::string plain;      // only for free functions
  std::string qualified;  // "std::basic_ifstream::open", "std::basic_ifstream" (constructor)
  std::string written;    // what the report shows
};

CalleeNames names_of(const clang::FunctionDecl* fn) {
  CalleeNames n;
  if (!fn) return n;
  if (auto* ctor = llvm::dyn_cast<clang::CXXConstructorDecl>(fn)) {
    n.qualified = plain_qualified_name(ctor->getParent());
    n.written = n.qualified;
    return n;
  }
  n.qualified = plain_qualified_name(fn);
  if (!llvm::isa<clang::CXXMethodDecl>(fn)) n.plain = fn->getNameAsString();
  n.written = n.plain.empty() ? n.qualified : n.plain;
  return n;
}

// A callee Clang could not resolve (its header is missing): the name as written.
CalleeNames names_of_unresolved(const clang::Expr* callee) {
  CalleeNames n;
  callee = callee ? callee->IgnoreParenImpCasts() : nullptr;
  if (auto* u = llvm::dyn_cast_or_null<clang::UnresolvedLookupExpr>(callee)) {
    n.plain = u->getName().getAsString();
  } else if (auto* r = llvm::dyn_cast_or_null<clang::DeclRefExpr>(callee)) {
    n.plain = r->getNameInfo().getAsString();
  }
  n.written = n.plain;
  return n;
}

bool matches(const CalleeNames& callee, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (name.find("::") == std::string::npos ? name == callee.plain : name == callee.qualified) {
      return true;
    }
  }
  return false;
}

// A call in any of its forms, with the arguments as the callee sees them.
struct CallView {
  CalleeNames names;
  const clang::FunctionDecl* callee = nullptr;
  const clang::Expr* object = nullptr;  // member calls: the object
  std::vector<const clang::Expr*> args;
  const clang::Expr* node = nullptr;
};

std::optional<CallView> view_call(const clang::Stmt* s) {
  CallView v;
  v.node = llvm::dyn_cast<clang::Expr>(s);
  if (auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(s)) {
    v.callee = op->getDirectCallee();
    v.names = names_of(v.callee);
    for (const clang::Expr* a : op->arguments()) v.args.push_back(a);
    return v;
  }
  if (auto* member = llvm::dyn_cast<clang::CXXMemberCallExpr>(s)) {
    v.callee = member->getMethodDecl();
    v.names = names_of(v.callee);
    v.object = member->getImplicitObjectArgument();
    for (const clang::Expr* a : member->arguments()) v.args.push_back(a);
    return v;
  }
  if (auto* call = llvm::dyn_cast<clang::CallExpr>(s)) {
    v.callee = call->getDirectCallee();
    v.names = v.callee ? names_of(v.callee) : names_of_unresolved(call->getCallee());
    for (const clang::Expr* a : call->arguments()) v.args.push_back(a);
    return v;
  }
  if (auto* construct = llvm::dyn_cast<clang::CXXConstructExpr>(s)) {
    v.callee = construct->getConstructor();
    v.names = names_of(v.callee);
    for (const clang::Expr* a : construct->arguments()) v.args.push_back(a);
    return v;
  }
  return std::nullopt;
}

// The local a write lands in: `buf`, `req.cmd`, `argv[2]`, `*out`, `&line`.
const clang::ValueDecl* base_variable(const clang::Expr* e) {
  while (e) {
    e = strip_wrappers(e);
    if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
      return llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    }
    if (auto* m = llvm::dyn_cast<clang::MemberExpr>(e)) { e = m->getBase(); continue; }
    if (auto* a = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) { e = a->getBase(); continue; }
    if (auto* u = llvm::dyn_cast<clang::UnaryOperator>(e)) { e = u->getSubExpr(); continue; }
    if (auto* op = llvm::dyn_cast<clang::CXXOperatorCallExpr>(e);
        op && op->getOperator() == clang::OO_Subscript) {
      e = op->getArg(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

// Where C string functions write and what they read: {destination, first source argument}.
struct StringWriter { const char* name; int dst; int first_src; bool appends; };
constexpr StringWriter kStringWriters[] = {
    {"strcpy", 0, 1, false},  {"strncpy", 0, 1, false}, {"stpcpy", 0, 1, false},
    {"strlcpy", 0, 1, false}, {"memcpy", 0, 1, false},  {"memmove", 0, 1, false},
    {"strcat", 0, 1, true},   {"strncat", 0, 1, true},  {"strlcat", 0, 1, true},
    {"sprintf", 0, 1, false}, {"snprintf", 0, 2, false}, {"vsnprintf", 0, 2, false},
    {"vsprintf", 0, 1, false}, {"asprintf", 0, 1, false}, {"vasprintf", 0, 1, false},
};

const StringWriter* string_writer(const CalleeNames& n) {
  for (const StringWriter& w : kStringWriters) {
    if (n.plain == w.name || n.plain == std::string("__builtin_") + w.name ||
        n.plain == std::string("__builtin___") + w.name + "_chk") {
      return &w;
    }
  }
  return nullptr;
}

// Reads of the request stream: {function, buffer argument, stream argument (-1: any)}.
struct RequestReader { const char* name; int buffer; int stream; };
constexpr RequestReader kRequestReaders[] = {
    {"fgets", 0, 2}, {"getline", 0, 2}, {"getdelim", 0, 3}, {"fread", 0, 3},
    {"read", 1, 0},  {"recv", 1, -1},   {"recvfrom", 1, -1}, {"std::getline", 1, 0},
};

class Engine;

// One function analysed with one assignment of taint to its parameters.
class FunctionAnalysis {
 public:
  FunctionAnalysis(Engine& engine, const clang::FunctionDecl* fn, std::vector<Taint> params,
                   std::string tool, int depth)
      : engine_(engine), fn_(fn), params_(std::move(params)), tool_(std::move(tool)), depth_(depth) {}

  // Runs to a fixpoint, reports sinks; returns the taint of what the function returns.
  Taint run(bool report);

 private:
  void collect_checks(const clang::Stmt* s);
  void propagate(const clang::Stmt* s);
  void effects_of_call(const CallView& call);
  void assign(const clang::Expr* target, Taint t);
  void assign_var(const clang::ValueDecl* var, Taint t);
  Taint eval(const clang::Expr* e);
  Taint eval_call(const CallView& call);
  bool is_request_stream(const clang::Expr* e);
  void report_sinks(const clang::Stmt* s);
  void check_sink(const CallView& call);
  std::optional<std::string> fold(const clang::Expr* e, int depth = 0);
  void fold_effects(const clang::Stmt* s);
  std::string text(const clang::Expr* e);

  Engine& engine_;
  const clang::FunctionDecl* fn_;
  std::vector<Taint> params_;
  std::string tool_;
  int depth_;
  std::map<const clang::ValueDecl*, Taint> vars_;
  std::map<const clang::ValueDecl*, uint64_t> checked_;  // rules whose checks looked at it
  std::map<const clang::ValueDecl*, std::string> folded_;
  Taint returned_;
  bool changed_ = false;
};

class Engine {
 public:
  Engine(clang::ASTContext& context, const AnalysedFiles& files, const std::vector<RuleSpec>& rules)
      : context(context), sm(context.getSourceManager()), files(files), rules(rules) {}

  uint64_t mask_where(const std::function<bool(const RuleSpec&)>& pred) const {
    uint64_t mask = 0;
    for (std::size_t i = 0; i < rules.size() && i < 64; ++i) {
      if (pred(rules[i])) mask |= uint64_t{1} << i;
    }
    return mask;
  }
  uint64_t sanitizer_mask(const CalleeNames& n) const {
    return mask_where([&](const RuleSpec& r) { return matches(n, r.sanitizers.functions); });
  }
  uint64_t canonicalizer_mask(const CalleeNames& n) const {
    return mask_where([&](const RuleSpec& r) { return matches(n, r.sanitizers.canonicalizers); });
  }
  uint64_t check_mask(const CalleeNames& n) const {
    return mask_where([&](const RuleSpec& r) { return matches(n, r.sanitizers.checks); });
  }

  // The return taint of `fn` called with `args`; analyses it once per distinct taint pattern.
  // `caller_tool`: the tool on whose behalf the call is made, for helpers that are not
  // handlers themselves.
  Taint call_summary(const clang::FunctionDecl* fn, const std::vector<Taint>& args, int depth,
                     const std::string& caller_tool = {}) {
    if (depth >= kMaxCallDepth) return {};
    std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(fn));
    for (const Taint& t : args) {
      key += t.on ? "|" + t.source + ":" + std::to_string(t.clean) + ":" + std::to_string(t.canonical)
                  : "|-";
    }
    auto it = summaries_.find(key);
    if (it != summaries_.end()) return it->second;
    summaries_[key] = Taint{};  // recursion: assume clean while in progress
    std::string tool = tool_of(fn);
    if (tool.empty()) tool = caller_tool;
    Taint result = FunctionAnalysis(*this, fn, args, tool, depth + 1).run(true);
    summaries_[key] = result;
    return result;
  }

  std::string tool_of(const clang::FunctionDecl* fn) const {
    auto it = handler_tools.find(fn->getCanonicalDecl());
    return it == handler_tools.end() ? std::string() : it->second;
  }

  clang::ASTContext& context;
  const clang::SourceManager& sm;
  const AnalysedFiles& files;
  const std::vector<RuleSpec>& rules;
  std::map<const clang::FunctionDecl*, std::string> handler_tools;
  std::vector<SinkEvent> events;

 private:
  std::map<std::string, Taint> summaries_;
};

Taint FunctionAnalysis::run(bool report) {
  const clang::Stmt* body = fn_->getBody();
  if (!body) return {};
  for (unsigned i = 0; i < fn_->getNumParams() && i < params_.size(); ++i) {
    if (params_[i].on) vars_[fn_->getParamDecl(i)] = params_[i];
  }
  collect_checks(body);
  for (int round = 0; round < kMaxFixpointRounds; ++round) {
    changed_ = false;
    propagate(body);
    if (!changed_) break;
  }
  if (report) report_sinks(body);
  return returned_;
}

void FunctionAnalysis::collect_checks(const clang::Stmt* s) {
  if (!s) return;
  if (auto call = view_call(s)) {
    uint64_t mask = engine_.check_mask(call->names);
    if (auto* op = llvm::dyn_cast<clang::BinaryOperator>(s); op && op->isEqualityOp()) mask = 0;
    if (mask) {
      std::vector<const clang::Stmt*> roots(call->args.begin(), call->args.end());
      if (call->object) roots.push_back(call->object);
      std::vector<const clang::Stmt*> stack(roots.begin(), roots.end());
      while (!stack.empty()) {
        const clang::Stmt* cur = stack.back();
        stack.pop_back();
        if (!cur) continue;
        if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(cur)) checked_[ref->getDecl()] |= mask;
        for (const clang::Stmt* child : cur->children()) stack.push_back(child);
      }
    }
  }
  for (const clang::Stmt* child : s->children()) collect_checks(child);
}

void FunctionAnalysis::assign_var(const clang::ValueDecl* var, Taint t) {
  if (!var || !t.on) return;
  if (is_scalar(var->getType())) return;
  auto checked = checked_.find(var);
  if (checked != checked_.end()) t.clean |= t.canonical & checked->second;
  t.canonical = 0;
  auto it = vars_.find(var);
  if (it == vars_.end()) {
    vars_[var] = t;
    changed_ = true;
    return;
  }
  Taint merged = merge(it->second, t);
  if (!same(merged, it->second)) {
    it->second = merged;
    changed_ = true;
  }
}

void FunctionAnalysis::assign(const clang::Expr* target, Taint t) {
  assign_var(base_variable(target), std::move(t));
}

bool FunctionAnalysis::is_request_stream(const clang::Expr* e) {
  std::string written = text(e);
  return written == "stdin" || written == "std::cin" || written == "cin" || written == "0" ||
         written == "STDIN_FILENO";
}

void FunctionAnalysis::propagate(const clang::Stmt* s) {
  if (!s) return;
  for (const clang::Stmt* child : s->children()) propagate(child);

  if (auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
    for (const clang::Decl* d : decl->decls()) {
      auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var && var->hasInit()) assign_var(var, eval(var->getInit()));
    }
    return;
  }
  if (auto* ret = llvm::dyn_cast<clang::ReturnStmt>(s)) {
    if (ret->getRetValue()) returned_ = merge(returned_, eval(ret->getRetValue()));
    return;
  }
  if (auto* range_for = llvm::dyn_cast<clang::CXXForRangeStmt>(s)) {
    assign_var(range_for->getLoopVariable(), eval(range_for->getRangeInit()));
    return;
  }
  if (auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
    if (op->isAssignmentOp()) assign(op->getLHS(), eval(op->getRHS()));
    return;
  }
  if (auto call = view_call(s)) effects_of_call(*call);
}

// What a call writes: C string builders' buffers, appends to objects, request reads.
void FunctionAnalysis::effects_of_call(const CallView& call) {
  const auto& args = call.args;
  for (const RequestReader& reader : kRequestReaders) {
    bool named = reader.name == call.names.plain || reader.name == call.names.qualified;
    if (!named || static_cast<int>(args.size()) <= reader.buffer) continue;
    if (reader.stream >= 0 &&
        (static_cast<int>(args.size()) <= reader.stream || !is_request_stream(args[reader.stream]))) {
      continue;
    }
    assign(args[reader.buffer], Taint{true, kRequestSource, 0, 0});
  }
  if (const StringWriter* w = string_writer(call.names)) {
    Taint t;
    for (std::size_t i = w->first_src; i < args.size(); ++i) t = merge(t, eval(args[i]));
    if (static_cast<int>(args.size()) > w->dst) assign(args[w->dst], t);
    return;
  }
  uint64_t canonical = engine_.canonicalizer_mask(call.names);
  if (canonical && !args.empty()) {
    // realpath(in, out): the resolved path lands in the second argument.
    Taint t = eval(args[0]);
    t.canonical |= canonical;
    for (std::size_t i = 1; i < args.size(); ++i) assign(args[i], t);
    return;
  }
  if (auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(call.node)) {
    if (args.size() < 2) return;
    switch (op->getOperator()) {
      case clang::OO_Equal:
      case clang::OO_PlusEqual:
      case clang::OO_SlashEqual:
      case clang::OO_LessLess:
        assign(args[0], eval(args[1]));
        break;
      case clang::OO_GreaterGreater:
        if (is_request_stream(args[0])) {
          assign(args[1], Taint{true, kRequestSource, 0, 0});
        } else {
          assign(args[1], eval(args[0]));
        }
        break;
      default:
        break;
    }
    return;
  }
  // A non-const member call fed a tainted value taints its object: s.append(x), v.push_back(x).
  if (call.object) {
    auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call.callee);
    if (method && !method->isConst()) {
      Taint t;
      for (const clang::Expr* a : args) t = merge(t, eval(a));
      assign(call.object, t);
    }
  }
}

Taint FunctionAnalysis::eval(const clang::Expr* e) {
  if (!e) return {};
  if (!e->isTypeDependent() && is_scalar(e->getType())) return {};
  e = e->IgnoreParens();
  if (auto* cast = llvm::dyn_cast<clang::CastExpr>(e)) return eval(cast->getSubExpr());
  if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    auto it = vars_.find(ref->getDecl());
    return it == vars_.end() ? Taint{} : it->second;
  }
  if (llvm::isa<clang::StringLiteral>(e) || llvm::isa<clang::LambdaExpr>(e)) return {};
  if (auto* m = llvm::dyn_cast<clang::MemberExpr>(e)) return eval(m->getBase());
  if (auto* a = llvm::dyn_cast<clang::ArraySubscriptExpr>(e)) return eval(a->getBase());
  if (auto* u = llvm::dyn_cast<clang::UnaryOperator>(e)) return eval(u->getSubExpr());
  if (auto* b = llvm::dyn_cast<clang::BinaryOperator>(e)) {
    if (b->isAssignmentOp() || b->getOpcode() == clang::BO_Comma) return eval(b->getRHS());
    return merge(eval(b->getLHS()), eval(b->getRHS()));
  }
  if (auto* c = llvm::dyn_cast<clang::AbstractConditionalOperator>(e)) {
    return merge(eval(c->getTrueExpr()), eval(c->getFalseExpr()));
  }
  if (auto* list = llvm::dyn_cast<clang::InitListExpr>(e)) {
    Taint t;
    for (const clang::Expr* init : list->inits()) t = merge(t, eval(init));
    return t;
  }
  if (auto* m = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(e)) return eval(m->getSubExpr());
  if (auto* l = llvm::dyn_cast<clang::CXXStdInitializerListExpr>(e)) return eval(l->getSubExpr());
  if (auto* b = llvm::dyn_cast<clang::CXXBindTemporaryExpr>(e)) return eval(b->getSubExpr());
  if (auto* c = llvm::dyn_cast<clang::ExprWithCleanups>(e)) return eval(c->getSubExpr());
  if (llvm::isa<clang::CXXDefaultArgExpr>(e)) return {};
  if (auto call = view_call(e)) return eval_call(*call);
  // Code Clang could not type (missing headers): anything inside may flow through.
  if (llvm::isa<clang::RecoveryExpr>(e) || llvm::isa<clang::ParenListExpr>(e) ||
      llvm::isa<clang::CXXUnresolvedConstructExpr>(e)) {
    Taint t;
    for (const clang::Stmt* child : e->children()) {
      if (auto* ce = llvm::dyn_cast_or_null<clang::Expr>(child)) t = merge(t, eval(ce));
    }
    return t;
  }
  if (auto* dm = llvm::dyn_cast<clang::CXXDependentScopeMemberExpr>(e)) {
    return dm->isImplicitAccess() ? Taint{} : eval(dm->getBase());
  }
  return {};
}

Taint FunctionAnalysis::eval_call(const CallView& call) {
  Taint object = call.object ? eval(call.object) : Taint{};
  // A lookup in a table the server owns gives the server's value, whatever the key:
  // kPlugins.find(name), allowed.at(name), table[name].
  auto* op_call = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(call.node);
  bool subscript = op_call && op_call->getOperator() == clang::OO_Subscript && !call.args.empty();
  bool accessor = call.object && call.callee && call.callee->getDeclName().isIdentifier() &&
                  kKeyedAccessors.count(call.callee->getName().str());
  if (subscript && !eval(call.args[0]).on) return {};
  if (accessor && !object.on) return {};
  std::vector<Taint> args;
  Taint any = object;
  for (const clang::Expr* a : call.args) {
    args.push_back(eval(a));
    any = merge(any, args.back());
  }
  if (!any.on) return {};
  if (uint64_t mask = engine_.sanitizer_mask(call.names)) {
    any.clean |= mask;
    return any;
  }
  if (uint64_t mask = engine_.canonicalizer_mask(call.names); mask && !args.empty()) {
    Taint t = args[0].on ? args[0] : any;
    t.canonical |= mask;
    return t;
  }
  // Functions written in the scanned files: follow the call instead of guessing.
  const clang::FunctionDecl* def = call.callee ? call.callee->getDefinition() : nullptr;
  if (def && def->getBody() && engine_.files.contains(def->getLocation()) &&
      !llvm::isa<clang::CXXConstructorDecl>(def)) {
    std::vector<Taint> params = args;
    // A member operator called as an operator sees the object as its first argument.
    if (llvm::isa<clang::CXXOperatorCallExpr>(call.node) && llvm::isa<clang::CXXMethodDecl>(def) &&
        !params.empty()) {
      params.erase(params.begin());
    }
    return engine_.call_summary(def, params, depth_, tool_);
  }
  // Keyed reads of a tainted object name the tool argument: params["cmd"], params.at("cmd"),
  // cJSON_GetObjectItem(args, "cmd"), json_object_get(args, "cmd").
  std::optional<std::string> key;
  auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(call.node);
  if (op && op->getOperator() == clang::OO_Subscript && call.args.size() == 2 && args[0].on) {
    key = string_literal_value(call.args[1]);
  } else if (call.object && object.on && !call.args.empty() && call.callee &&
             call.callee->getDeclName().isIdentifier() &&
             kKeyedAccessors.count(call.callee->getName().str())) {
    key = string_literal_value(call.args[0]);
  } else if (!call.object && !op && call.args.size() >= 2 && args[0].on) {
    std::string name = lower(call.names.plain);
    if (name.find("get") != std::string::npos || name.find("item") != std::string::npos) {
      key = string_literal_value(call.args[1]);
    }
  }
  if (key && identifier_like(*key)) any.source = *key;
  return any;
}

std::string FunctionAnalysis::text(const clang::Expr* e) {
  std::string t = text_of(engine_.sm, engine_.context.getLangOpts(), e->getSourceRange());
  std::string out;
  for (char c : t) {
    if (!std::isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  return out;
}

void FunctionAnalysis::report_sinks(const clang::Stmt* s) {
  if (!s) return;
  for (const clang::Stmt* child : s->children()) report_sinks(child);
  fold_effects(s);
  if (auto call = view_call(s)) check_sink(*call);
}

bool names_a_shell(const std::string& value) {
  std::string base = value.substr(value.rfind('/') == std::string::npos ? 0 : value.rfind('/') + 1);
  static const std::set<std::string> kShells = {"sh", "bash", "dash", "zsh", "ksh", "ash", "csh"};
  return kShells.count(base) > 0;
}

void FunctionAnalysis::check_sink(const CallView& call) {
  const auto& rules = engine_.rules;
  for (std::size_t r = 0; r < rules.size() && r < 64; ++r) {
    for (const SinkSpec& sink : rules[r].sinks) {
      if (!matches(call.names, sink.functions)) continue;
      int n = static_cast<int>(call.args.size());
      if (sink.shell_arg >= 0) {
        auto shell = sink.shell_arg < n ? fold(call.args[sink.shell_arg]) : std::nullopt;
        if (!shell || !names_a_shell(*shell)) continue;
      }
      if (sink.selector_arg >= 0 && (sink.selector_arg >= n || text(call.args[sink.selector_arg]) != sink.selector)) {
        continue;
      }
      for (int index : sink.args) {
        if (index >= n) continue;
        const clang::Expr* arg = call.args[index];
        SinkEvent event;
        if (rules[r].mode == RuleMode::taint) {
          Taint t = eval(arg);
          if (!t.on || (t.clean >> r) & 1) continue;
          event.source = t.source;
        } else {
          auto value = fold(arg);
          if (!value) continue;
          event.value = *value;
        }
        event.rule_id = rules[r].rule_id;
        clang::SourceRange range = call.node->getSourceRange();
        event.span = span_of(engine_.sm, range);
        event.sink_name = call.names.written;
        event.function = fn_->getNameAsString();
        if (auto* method = llvm::dyn_cast<clang::CXXMethodDecl>(fn_); method && method->getParent()->isLambda()) {
          event.function = "lambda";
        }
        event.tool = tool_;
        event.evidence = first_line_of(engine_.sm, engine_.context.getLangOpts(), range);
        engine_.events.push_back(std::move(event));
        break;
      }
    }
  }
}

// --- constant folding: what string a value holds when it is built from constants ---

std::optional<std::string> FunctionAnalysis::fold(const clang::Expr* e, int depth) {
  if (!e || depth > 16) return std::nullopt;
  e = strip_wrappers(e);
  if (auto* lit = llvm::dyn_cast<clang::StringLiteral>(e)) {
    if (lit->getCharByteWidth() == 1) return lit->getString().str();
    return std::nullopt;
  }
  if (auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e)) {
    auto it = folded_.find(ref->getDecl());
    if (it != folded_.end()) return it->second;
    auto* var = llvm::dyn_cast<clang::VarDecl>(ref->getDecl());
    if (var && !var->isLocalVarDeclOrParm() && var->getInit()) return fold(var->getInit(), depth + 1);
    return std::nullopt;
  }
  auto call = view_call(e);
  if (!call) return std::nullopt;
  const std::string& name = call->names.plain;
  if ((name == "getenv" || name == "secure_getenv") && !call->args.empty()) {
    if (auto var = fold(call->args[0], depth + 1)) return "$" + *var;
    return std::nullopt;
  }
  // Accessors that hand back the same characters: c_str(), data(), string(), str().
  if (call->object && call->args.empty()) return fold(call->object, depth + 1);
  auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(call->node);
  if (op && call->args.size() == 2 &&
      (op->getOperator() == clang::OO_Plus || op->getOperator() == clang::OO_Slash)) {
    auto left = fold(call->args[0], depth + 1);
    auto right = fold(call->args[1], depth + 1);
    if (!left && !right) return std::nullopt;
    std::string sep = op->getOperator() == clang::OO_Slash ? "/" : "";
    return left.value_or("*") + sep + right.value_or("*");
  }
  if (llvm::isa<clang::CXXConstructExpr>(call->node) && !call->args.empty()) {
    return fold(call->args[0], depth + 1);
  }
  return std::nullopt;
}

// The printf-style format with each %s replaced by what its argument folds to.
std::string substitute_format(const std::string& format, const std::vector<std::string>& values) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      out.push_back(format[i]);
      continue;
    }
    std::size_t j = i + 1;
    while (j < format.size() && std::strchr("-+ #0123456789.*lhzjt", format[j])) ++j;
    if (j >= format.size()) break;
    if (format[j] == '%') {
      out.push_back('%');
    } else {
      out += next < values.size() ? values[next] : "*";
      ++next;
    }
    i = j;
  }
  return out;
}

void FunctionAnalysis::fold_effects(const clang::Stmt* s) {
  auto set = [&](const clang::ValueDecl* var, std::optional<std::string> value, bool append) {
    if (!var) return;
    if (!value) {
      if (!append) folded_.erase(var);
      return;
    }
    if (append) {
      auto it = folded_.find(var);
      folded_[var] = (it == folded_.end() ? std::string("*") : it->second) + *value;
    } else {
      folded_[var] = *value;
    }
  };
  if (auto* decl = llvm::dyn_cast<clang::DeclStmt>(s)) {
    for (const clang::Decl* d : decl->decls()) {
      auto* var = llvm::dyn_cast<clang::VarDecl>(d);
      if (var && var->hasInit()) set(var, fold(var->getInit()), false);
    }
    return;
  }
  if (auto* op = llvm::dyn_cast<clang::BinaryOperator>(s)) {
    if (op->getOpcode() == clang::BO_Assign) set(base_variable(op->getLHS()), fold(op->getRHS()), false);
    return;
  }
  auto call = view_call(s);
  if (!call) return;
  const auto& args = call->args;
  if (auto* op = llvm::dyn_cast_or_null<clang::CXXOperatorCallExpr>(call->node); op && args.size() == 2) {
    if (op->getOperator() == clang::OO_Equal) set(base_variable(args[0]), fold(args[1]), false);
    if (op->getOperator() == clang::OO_PlusEqual) set(base_variable(args[0]), fold(args[1]), true);
    if (op->getOperator() == clang::OO_SlashEqual) {
      auto v = fold(args[1]);
      set(base_variable(args[0]), v ? std::optional<std::string>("/" + *v) : std::nullopt, true);
    }
    return;
  }
  if (call->object && args.size() == 1 && call->callee && call->callee->getName() == "append") {
    set(base_variable(call->object), fold(args[0]), true);
    return;
  }
  const StringWriter* w = string_writer(call->names);
  if (!w || static_cast<int>(args.size()) <= w->first_src) return;
  const clang::ValueDecl* dst = base_variable(args[w->dst]);
  std::string name = call->names.plain;
  if (name.find("printf") != std::string::npos) {
    auto format = fold(args[w->first_src]);
    if (!format) return set(dst, std::nullopt, false);
    std::vector<std::string> values;
    for (std::size_t i = w->first_src + 1; i < args.size(); ++i) values.push_back(fold(args[i]).value_or("*"));
    set(dst, substitute_format(*format, values), false);
    return;
  }
  set(dst, fold(args[w->first_src]), w->appends);
}

class FunctionCollector : public clang::RecursiveASTVisitor<FunctionCollector> {
 public:
  explicit FunctionCollector(const AnalysedFiles& files) : files_(files) {}
  bool VisitFunctionDecl(clang::FunctionDecl* fn) {
    if (fn->doesThisDeclarationHaveABody() && files_.contains(fn->getLocation())) functions.push_back(fn);
    return true;
  }
  std::vector<const clang::FunctionDecl*> functions;

 private:
  const AnalysedFiles& files_;
};

}  // namespace

std::vector<SinkEvent> analyse_taint(clang::ASTContext& context, const AnalysedFiles& files,
                                     const std::vector<RuleSpec>& rules,
                                     const std::vector<HandlerInfo>& handlers) {
  Engine engine(context, files, rules);
  std::map<const clang::FunctionDecl*, const HandlerInfo*> handler_of;
  for (const HandlerInfo& h : handlers) {
    const clang::FunctionDecl* def = h.function->getDefinition();
    if (!def) continue;
    handler_of[def->getCanonicalDecl()] = &h;
    engine.handler_tools[def->getCanonicalDecl()] = h.tool;
  }
  // Handlers first, with their parameters tainted, in source order: where two handlers reach
  // the same sink, the report names the first one, the same on every run.
  std::vector<const HandlerInfo*> ordered;
  for (const auto& [canonical, h] : handler_of) ordered.push_back(h);
  std::sort(ordered.begin(), ordered.end(), [](const HandlerInfo* a, const HandlerInfo* b) {
    return a->function->getDefinition()->getBeginLoc().getRawEncoding() <
           b->function->getDefinition()->getBeginLoc().getRawEncoding();
  });
  for (const HandlerInfo* h : ordered) {
    const clang::FunctionDecl* def = h->function->getDefinition();
    std::vector<Taint> params(def->getNumParams());
    for (unsigned i : h->tainted_params) {
      if (i < params.size()) params[i] = Taint{true, def->getParamDecl(i)->getNameAsString(), 0, 0};
    }
    engine.call_summary(def, params, 0);
  }
  // Every other function, for taint that starts inside it (reads of the request stream).
  FunctionCollector collector(files);
  collector.TraverseDecl(context.getTranslationUnitDecl());
  for (const clang::FunctionDecl* fn : collector.functions) {
    if (handler_of.count(fn->getCanonicalDecl())) continue;
    engine.call_summary(fn, std::vector<Taint>(fn->getNumParams()), 0);
  }
  return std::move(engine.events);
}

}  // namespace assay::code::clang_engine
