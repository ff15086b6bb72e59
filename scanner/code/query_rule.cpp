// Structural rules: query matches become findings.
#include "scanner/code/query_rule.h"

#include <algorithm>

#include "scanner/code/code_finding.h"

namespace assay::code {
namespace {

bool encloses(TSNode outer, TSNode inner) {
  return ts_node_start_byte(outer) <= ts_node_start_byte(inner) && ts_node_end_byte(inner) <= ts_node_end_byte(outer);
}

}  // namespace

RuleHit rule_hit(const CodeRule& rule, const ParsedFile& file, const QueryMatch& m) {
  TSNode at = m.capture("finding");
  if (ts_node_is_null(at)) at = m.captures.empty() ? file.root() : m.captures.front().second;
  std::string message = render_message(rule.message, [&](std::string_view name) -> std::optional<std::string> {
    TSNode n = m.capture(name);
    if (ts_node_is_null(n)) return std::nullopt;
    return std::string(file.text(n));
  });
  return RuleHit{at, std::move(message)};
}

void emit_rule_hits(const CodeRule& rule, const ParsedFile& file, std::vector<RuleHit>& hits,
                    std::vector<Finding>& out) {
  // One finding per place: a pattern can match one call through several of its arguments
  // (path.join(home, ".ssh", "id_rsa")), or a node and one nested in it (Path.home() / ".ssh"
  // / "id_rsa"); the outermost is kept.
  for (size_t i = 0; i < hits.size(); ++i) {
    bool covered = false;
    for (size_t j = 0; j < hits.size() && !covered; ++j) {
      if (i == j || !encloses(hits[j].at, hits[i].at)) continue;
      bool same = ts_node_eq(hits[i].at, hits[j].at);
      covered = !same || j < i;  // a node matched twice is reported once, by its first match
    }
    if (!covered) out.push_back(make_code_finding(rule, file, hits[i].at, std::move(hits[i].message)));
  }
}

void run_query_rule(const CodeRule& rule, const ParsedFile& file, std::vector<Finding>& out, bool check_path) {
  if (!rule.query || (check_path && !rule.applies_to_path(file.file().path))) return;
  const CompiledQuery* query = rule.query->for_language(file.file().language);
  if (!query) return;
  std::vector<RuleHit> hits;
  query->for_each_match(file, [&](const QueryMatch& m) { hits.push_back(rule_hit(rule, file, m)); });
  emit_rule_hits(rule, file, hits, out);
}

}  // namespace assay::code
