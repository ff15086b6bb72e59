// Runs each code rule on its own example file, through the same engines a scan uses.
#include "scanner/code/code_rule_examples.h"

#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/parse.h"
#include "scanner/code/query_rule.h"
#include "scanner/code/source_walk.h"
#include "scanner/code/taint/dataflow.h"
#include "scanner/model/error.h"
#ifdef ASSAY_WITH_CLANG
#include "scanner/code/clang/clang_scan.h"
#endif

namespace fs = std::filesystem;

namespace assay::code {
namespace {

std::vector<Finding> findings_of(const CodeRule& rule, SourceFile file, const std::string& dir) {
  std::vector<Finding> out;
  if (rule.query) {
    ParsedFile parsed = parse(std::move(file));
    run_query_rule(rule, parsed, out, /*check_path=*/false);
  } else if (rule.dataflow) {
    ParsedFile parsed = parse(std::move(file));
    auto servers = extract_servers({&parsed});
    out = run_dataflow_rule(rule, parsed, tools_with_handler_in(servers, parsed.file().path));
  } else {
#ifdef ASSAY_WITH_CLANG
    auto result = scan_c_family({std::move(file)}, dir, {&rule});
    out = std::move(result.findings);
#else
    (void)dir;
#endif
  }
  std::erase_if(out, [&](const Finding& f) { return f.rule_id != rule.id; });
  return out;
}

void check_rule(const CodeRule& rule, std::vector<CodeExampleResult>& results) {
  auto result = [&](int line, bool passed, std::string detail) {
    results.push_back(CodeExampleResult{&rule, line, passed, std::move(detail)});
  };
  std::ifstream in(rule.example_file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (!in && text.empty()) return result(0, false, "cannot read the example file");

  fs::path example(rule.example_file);
  std::string name = example.filename().string();
  auto language = example.extension() == ".json" ? std::optional(Language::json) : language_for(name, "");
  if (!language) return result(0, false, "the example's language is not known from its extension");
  if (!rule.applies_to(*language))
    return result(0, false, std::string("the example is ") + to_string(*language) + ", which the rule does not cover");
#ifndef ASSAY_WITH_CLANG
  if (!rule.clang.is_null()) return result(0, true, "skipped: built without the C/C++ front end");
#endif
  ExampleAnnotations expected = read_annotations(text, rule.id);
  if (expected.must_match.empty()) return result(0, false, "the example has no `ruleid: " + rule.id + "` line");

  std::vector<Finding> found;
  try {
    found = findings_of(rule, SourceFile{name, example.string(), *language, text}, example.parent_path().string());
  } catch (const AssayError& e) {
    return result(0, false, e.what());
  }
  std::map<int, const Finding*> by_line;
  for (const auto& f : found)
    if (!f.locations.empty()) by_line.emplace(f.locations.front().physical.start_line, &f);
  for (int line : expected.must_match)
    result(line, by_line.count(line) > 0, by_line.count(line) ? "matched as expected" : "expected a finding, got none");
  for (int line : expected.must_not_match)
    result(line, by_line.count(line) == 0,
           by_line.count(line) ? "expected no finding, got: " + by_line[line]->message : "no finding, as expected");
  for (const auto& [line, f] : by_line)
    if (!expected.must_match.count(line) && !expected.must_not_match.count(line))
      result(line, false, "unexpected finding (annotate the line or fix the rule): " + f->message);
}

}  // namespace

ExampleAnnotations read_annotations(std::string_view text, std::string_view rule_id) {
  static const RE2 kAnnotation(R"re((?://|#|/\*|<!--|--)\s*(ruleid|ok)\s*:\s*([A-Za-z0-9_, ]+))re");
  ExampleAnnotations out;
  std::vector<std::set<int>*> pending;
  int line_no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    ++line_no;
    std::string kind, ids;
    if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), kAnnotation, &kind, &ids)) {
      bool names_rule = false;
      for (size_t i = 0; i < ids.size();) {
        size_t stop = ids.find_first_of(", ", i);
        if (stop == std::string::npos) stop = ids.size();
        if (std::string_view(ids).substr(i, stop - i) == rule_id) names_rule = true;
        i = stop + 1;
      }
      if (names_rule) pending.push_back(kind == "ruleid" ? &out.must_match : &out.must_not_match);
    } else if (!pending.empty()) {
      for (auto* set : pending) set->insert(line_no);
      pending.clear();
    }
    if (end == text.size()) break;
    start = end + 1;
  }
  return out;
}

std::vector<CodeExampleResult> run_code_rule_examples(const std::vector<CodeRule>& rules) {
  std::vector<CodeExampleResult> results;
  for (const auto& rule : rules) check_rule(rule, results);
  return results;
}

}  // namespace assay::code
