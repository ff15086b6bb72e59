// Compiles tree-sitter queries and evaluates their text predicates, which the C library
// parses but leaves to the host.
#include "scanner/code/query.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <string>

#include "scanner/model/error.h"

namespace assay::code {
namespace {

enum class PredicateOp { eq, match, any_of };

struct Predicate {
  PredicateOp op = PredicateOp::eq;
  bool negated = false;
  uint32_t capture = 0;                  // the capture tested
  std::optional<uint32_t> other_capture;  // #eq? @a @b
  std::vector<std::string> values;        // strings compared against
  std::shared_ptr<RE2> regex;             // #match?
};

const char* query_error_name(TSQueryError e) {
  switch (e) {
    case TSQueryErrorSyntax: return "syntax error";
    case TSQueryErrorNodeType: return "unknown node type";
    case TSQueryErrorField: return "unknown field";
    case TSQueryErrorCapture: return "unknown capture";
    case TSQueryErrorStructure: return "impossible pattern structure";
    case TSQueryErrorLanguage: return "incompatible grammar";
    default: return "error";
  }
}

// "rules/x.yaml:12" + a byte offset into the query -> "rules/x.yaml:15".
std::string where_at(std::string_view where, std::string_view source, uint32_t offset) {
  offset = std::min<uint32_t>(offset, source.size());
  int extra = static_cast<int>(std::count(source.begin(), source.begin() + offset, '\n'));
  auto colon = where.rfind(':');
  int base = 0;
  if (colon != std::string_view::npos) {
    auto digits = where.substr(colon + 1);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), base);
    if (ec == std::errc() && ptr == digits.data() + digits.size() && base > 0)
      return std::string(where.substr(0, colon)) + ":" + std::to_string(base + extra);
  }
  return std::string(where) + " (query line " + std::to_string(extra + 1) + ")";
}

std::string_view line_at(std::string_view source, uint32_t offset) {
  offset = std::min<uint32_t>(offset, source.size());
  auto start = source.rfind('\n', offset == 0 ? 0 : offset - 1);
  start = (start == std::string_view::npos || offset == 0) ? 0 : start + 1;
  auto end = source.find('\n', offset);
  auto line = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line.substr(0, 80);
}

// What a pattern's predicates demand of the file's text: a captured node's text is a piece of
// it. A capture the pattern may leave empty does not veto the match, so it demands nothing.
std::vector<std::string> required_text_of(const TSQuery* q, uint32_t pattern, const std::vector<Predicate>& predicates) {
  std::vector<std::string> out;
  for (const auto& p : predicates) {
    if (p.negated || p.other_capture) continue;
    TSQuantifier quantifier = ts_query_capture_quantifier_for_id(q, pattern, p.capture);
    if (quantifier != TSQuantifierOne && quantifier != TSQuantifierOneOrMore) continue;
    switch (p.op) {
      case PredicateOp::eq: out.push_back(RE2::QuoteMeta(p.values.front())); break;
      case PredicateOp::match: out.push_back(p.values.front()); break;
      case PredicateOp::any_of: {
        std::string any = "(?:";
        for (size_t i = 0; i < p.values.size(); ++i) any += (i ? "|" : "") + RE2::QuoteMeta(p.values[i]);
        out.push_back(any + ")");
        break;
      }
    }
  }
  return out;
}

// Cursors are reused per thread: a query run per file per rule must not allocate each time.
// A pool, not one cursor, because a match callback may run another query (nested scopes).
class PooledCursor {
 public:
  PooledCursor() {
    auto& pool = free_list();
    if (pool.empty()) {
      cursor_ = ts_query_cursor_new();
    } else {
      cursor_ = pool.back();
      pool.pop_back();
    }
  }
  ~PooledCursor() { free_list().push_back(cursor_); }
  PooledCursor(const PooledCursor&) = delete;
  PooledCursor& operator=(const PooledCursor&) = delete;
  TSQueryCursor* get() const { return cursor_; }

 private:
  struct FreeList {
    std::vector<TSQueryCursor*> cursors;
    ~FreeList() {
      for (auto* c : cursors) ts_query_cursor_delete(c);
    }
  };
  static std::vector<TSQueryCursor*>& free_list() {
    thread_local FreeList list;
    return list.cursors;
  }
  TSQueryCursor* cursor_;
};

// Bounds the in-progress matches a hostile (deeply nested) file can make a query hold.
constexpr uint32_t kMatchLimit = 4096;

}  // namespace

struct CompiledQuery::Impl {
  Language language;
  std::string where;
  std::string source;
  TSQuery* query = nullptr;
  std::vector<std::string> capture_names;
  std::vector<std::vector<Predicate>> predicates;  // per pattern
  std::vector<std::vector<std::string>> required_text;  // per pattern
  uint32_t match_limit = kMatchLimit;
  ~Impl() {
    if (query) ts_query_delete(query);
  }
};

TSNode QueryMatch::capture(std::string_view name) const {
  for (const auto& [n, node] : captures)
    if (n == name) return node;
  return TSNode{};
}

CompiledQuery::CompiledQuery(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CompiledQuery::CompiledQuery(CompiledQuery&&) noexcept = default;
CompiledQuery& CompiledQuery::operator=(CompiledQuery&&) noexcept = default;
CompiledQuery::~CompiledQuery() = default;

Language CompiledQuery::language() const { return impl_->language; }
const std::string& CompiledQuery::where() const { return impl_->where; }

uint32_t CompiledQuery::pattern_count() const { return ts_query_pattern_count(impl_->query); }
uint32_t CompiledQuery::pattern_start_byte(uint32_t pattern) const {
  return ts_query_start_byte_for_pattern(impl_->query, pattern);
}
const std::vector<std::string>& CompiledQuery::required_text(uint32_t pattern) const {
  return impl_->required_text.at(pattern);
}
void CompiledQuery::set_match_limit(uint32_t limit) { impl_->match_limit = limit; }

int CompiledQuery::capture_index(std::string_view name) const {
  for (size_t i = 0; i < impl_->capture_names.size(); ++i)
    if (impl_->capture_names[i] == name) return static_cast<int>(i);
  return -1;
}

CompiledQuery CompiledQuery::compile(Language language, std::string_view source,
                                     std::string_view where) {
  const TSLanguage* ts_language = grammar(language);
  if (!ts_language)
    throw input_error(std::string(where) + ": tree-sitter queries do not apply to " +
                      to_string(language));
  auto impl = std::make_unique<Impl>();
  impl->language = language;
  impl->where = std::string(where);
  impl->source = std::string(source);
  uint32_t error_offset = 0;
  TSQueryError error = TSQueryErrorNone;
  impl->query = ts_query_new(ts_language, impl->source.data(),
                             static_cast<uint32_t>(impl->source.size()), &error_offset, &error);
  if (!impl->query)
    throw input_error(where_at(where, source, error_offset) + ": " + query_error_name(error) +
                      " in " + to_string(language) + " query near `" +
                      std::string(line_at(source, error_offset)) + "`");

  TSQuery* q = impl->query;
  for (uint32_t i = 0; i < ts_query_capture_count(q); ++i) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(q, i, &len);
    impl->capture_names.emplace_back(name, len);
  }
  auto string_value = [q](uint32_t id) {
    uint32_t len = 0;
    const char* s = ts_query_string_value_for_id(q, id, &len);
    return std::string(s, len);
  };

  for (uint32_t p = 0; p < ts_query_pattern_count(q); ++p) {
    std::string at = where_at(where, source, ts_query_start_byte_for_pattern(q, p));
    uint32_t count = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q, p, &count);
    std::vector<Predicate> predicates;
    for (uint32_t i = 0; i < count;) {
      uint32_t end = i;
      while (end < count && steps[end].type != TSQueryPredicateStepTypeDone) ++end;
      if (steps[i].type != TSQueryPredicateStepTypeString)
        throw input_error(at + ": a predicate must start with its name");
      std::string name = string_value(steps[i].value_id);
      auto fail = [&](const std::string& why) {
        return input_error(at + ": #" + name + " " + why);
      };
      Predicate pred;
      if (name == "eq?" || name == "not-eq?") {
        pred.op = PredicateOp::eq;
      } else if (name == "match?" || name == "not-match?") {
        pred.op = PredicateOp::match;
      } else if (name == "any-of?" || name == "not-any-of?") {
        pred.op = PredicateOp::any_of;
      } else {
        throw input_error(at + ": unknown predicate #" + name +
                          " (supported: #eq? #not-eq? #match? #not-match? #any-of? #not-any-of?)");
      }
      pred.negated = name.rfind("not-", 0) == 0;
      uint32_t args = end - i - 1;
      if (args < 2 || steps[i + 1].type != TSQueryPredicateStepTypeCapture)
        throw fail("needs a capture and at least one value");
      pred.capture = steps[i + 1].value_id;
      if (pred.op != PredicateOp::any_of && args != 2) throw fail("takes exactly two arguments");
      for (uint32_t k = i + 2; k < end; ++k) {
        if (steps[k].type == TSQueryPredicateStepTypeCapture) {
          if (pred.op != PredicateOp::eq) throw fail("compares against strings only");
          pred.other_capture = steps[k].value_id;
        } else {
          pred.values.push_back(string_value(steps[k].value_id));
        }
      }
      if (pred.op == PredicateOp::match) {
        RE2::Options options;
        options.set_log_errors(false);
        pred.regex = std::make_shared<RE2>(pred.values.front(), options);
        if (!pred.regex->ok())
          throw fail("has a bad regular expression: " + pred.regex->error());
      }
      predicates.push_back(std::move(pred));
      i = end + 1;
    }
    impl->required_text.push_back(required_text_of(q, p, predicates));
    impl->predicates.push_back(std::move(predicates));
  }
  return CompiledQuery(std::move(impl));
}

namespace {

bool holds_for(const Predicate& p, std::string_view text, const ParsedFile& file,
               const TSQueryMatch& match) {
  bool result = false;
  switch (p.op) {
    case PredicateOp::eq:
      if (p.other_capture) {
        result = false;
        for (uint16_t i = 0; i < match.capture_count; ++i)
          if (match.captures[i].index == *p.other_capture &&
              file.text(match.captures[i].node) == text)
            result = true;
      } else {
        result = text == p.values.front();
      }
      break;
    case PredicateOp::match:
      result = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *p.regex);
      break;
    case PredicateOp::any_of:
      result = std::find(p.values.begin(), p.values.end(), text) != p.values.end();
      break;
  }
  return result != p.negated;
}

}  // namespace

void CompiledQuery::for_each_match(const ParsedFile& file,
                                   const std::function<void(const QueryMatch&)>& on_match) const {
  for_each_match_in(file, file.root(), on_match);
}

void CompiledQuery::for_each_match_in(const ParsedFile& file, TSNode scope,
                                      const std::function<void(const QueryMatch&)>& on_match) const {
  run(file, scope, 0, UINT32_MAX, on_match);
}

void CompiledQuery::for_each_match_in_range(const ParsedFile& file, uint32_t start, uint32_t end,
                                            const std::function<void(const QueryMatch&)>& on_match) const {
  run(file, file.root(), start, end, on_match);
}

void CompiledQuery::run(const ParsedFile& file, TSNode scope, uint32_t start, uint32_t end,
                        const std::function<void(const QueryMatch&)>& on_match) const {
  if (ts_node_is_null(scope)) return;
  PooledCursor pooled;
  TSQueryCursor* cursor = pooled.get();
  ts_query_cursor_set_match_limit(cursor, impl_->match_limit);
  // A pooled cursor keeps the last range it was given.
  ts_query_cursor_set_byte_range(cursor, start, end);
  ts_query_cursor_exec(cursor, impl_->query, scope);
  TSQueryMatch match;
  QueryMatch out;
  while (ts_query_cursor_next_match(cursor, &match)) {
    bool ok = true;
    // A predicate holds when every node its capture took satisfies it (tree-sitter's rule
    // for quantified captures); a capture that took no node does not veto the match.
    for (const Predicate& p : impl_->predicates[match.pattern_index]) {
      for (uint16_t i = 0; ok && i < match.capture_count; ++i)
        if (match.captures[i].index == p.capture)
          ok = holds_for(p, file.text(match.captures[i].node), file, match);
      if (!ok) break;
    }
    if (!ok) continue;
    out.captures.clear();
    out.pattern_index = match.pattern_index;
    for (uint16_t i = 0; i < match.capture_count; ++i)
      out.captures.emplace_back(impl_->capture_names[match.captures[i].index],
                                match.captures[i].node);
    on_match(out);
  }
}

std::optional<CombinedQuery> combine_queries(Language language, const std::vector<std::string_view>& sources,
                                             std::string_view where) {
  if (sources.empty()) return std::nullopt;
  std::string source;
  std::vector<uint32_t> starts;  // where each source begins in `source`
  for (std::string_view s : sources) {
    starts.push_back(static_cast<uint32_t>(source.size()));
    source += s;
    source += "\n";
  }
  try {
    CombinedQuery c{CompiledQuery::compile(language, source, where), {}};
    for (uint32_t p = 0; p < c.query.pattern_count(); ++p) {
      auto after = std::upper_bound(starts.begin(), starts.end(), c.query.pattern_start_byte(p));
      if (after == starts.begin()) return std::nullopt;
      c.source_of_pattern.push_back(static_cast<size_t>(after - starts.begin()) - 1);
    }
    c.query.set_match_limit(static_cast<uint32_t>(std::min<size_t>(kMatchLimit * sources.size(), 32768)));
    return c;
  } catch (const AssayError&) {
    return std::nullopt;
  }
}

}  // namespace assay::code
