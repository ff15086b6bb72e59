// Dataflow rules: drives the taint engine over a file's tool handlers and turns hits into
// findings; reports run-time-built descriptions for the MCP120 rule.
#include "scanner/code/taint/dataflow.h"

#include <optional>

#include "scanner/code/code_finding.h"
#include "scanner/code/extract/syntax.h"
#include "scanner/code/taint/taint_engine.h"

namespace assay::code {

namespace {

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

// The rule's sinks say where descriptions are declared (`description:` members, `.describe(x)`,
// WithDescription(x)); a run-time description is reported when it sits in one. A rule
// without sinks takes every one the extractor found.
bool in_sink(const CodeRule& rule, const ParsedFile& file, TSNode node) {
  const auto& sinks = rule.dataflow->sinks;
  if (sinks.empty()) return true;
  bool found = false;
  for (const auto& p : sinks) {
    const CompiledQuery* q = p.query.for_language(file.file().language);
    if (!q) continue;
    q->for_each_match(file, [&](const QueryMatch& m) {
      if (!found && syntax::contains(m.capture("sink"), node)) found = true;
    });
    if (found) return true;
  }
  return false;
}

std::vector<Finding> runtime_descriptions(const CodeRule& rule, const ParsedFile& file) {
  std::vector<Finding> out;
  for (const auto& server : extract_servers({&file})) {
    for (const auto& r : server.runtime_descriptions) {
      if (!in_sink(rule, file, r.node)) continue;
      std::string reads = join(r.reads);
      std::string message = render_message(rule.message, [&](std::string_view name) -> std::optional<std::string> {
        if (name == "tool") return r.tool;
        if (name == "reads") return reads;
        if (name == "expression") return r.expression;
        if (name == "field") return r.field;
        return std::nullopt;
      });
      Finding f = make_code_finding(rule, file, r.node, message, r.field);
      out.push_back(std::move(f));
    }
  }
  return out;
}

// The tool a hit belongs to: the dispatcher branch holding it, else the tool analysed.
std::string tool_of(const SinkHit& hit, const std::vector<ExtractedTool>& tools) {
  for (const auto& t : tools)
    if (!syntax::is_null(t.dispatch_branch) && syntax::contains(t.dispatch_branch, hit.site)) return t.name;
  int sharing = 0;
  for (const auto& t : tools)
    for (const auto& u : tools)
      if (&t != &u && t.name == hit.tool && syntax::same(t.handler, u.handler)) ++sharing;
  return sharing ? std::string{} : hit.tool;
}

}  // namespace

std::vector<Finding> run_dataflow_rule(const CodeRule& rule, const ParsedFile& file,
                                       const std::vector<ExtractedTool>& tools_in_file, const FileFacts* facts) {
  std::vector<Finding> out;
  if (!rule.dataflow || !rule.applies_to(file.file().language)) return out;
  const DataflowSpec& spec = *rule.dataflow;
  if (spec.sources == "run-time-description") return runtime_descriptions(rule, file);
  if (spec.sources != "tool-arguments" && spec.sources != "remote-content") return out;

  std::optional<TaintEngine> made;
  if (facts) made.emplace(rule, file, *facts);
  else made.emplace(rule, file);
  TaintEngine& engine = *made;
  for (const auto& tool : tools_in_file) {
    if (tool.handler_file != file.file().path) continue;
    if (spec.sources == "remote-content") engine.analyse_function(tool.handler, tool.name);
    else engine.analyse_tool(tool);
  }
  for (const auto& hit : engine.hits()) {
    std::string tool = tool_of(hit, tools_in_file);
    std::string sink_text = hit.callee.empty() ? std::string(file.text(hit.sink).substr(0, 80)) : hit.callee;
    std::string message = render_message(rule.message, [&](std::string_view name) -> std::optional<std::string> {
      if (name == "source") return hit.source.empty() ? std::string("a tool argument") : hit.source;
      if (name == "tool") return tool.empty() ? std::string("a tool") : tool;
      if (name == "sink") return sink_text;
      return std::nullopt;
    });
    out.push_back(make_code_finding(rule, file, hit.finding, message, tool));
  }
  return out;
}

}  // namespace assay::code
