// Helpers for META's static-analysis tests: parse snippets, load META's rules, run the
// extractor and dataflow rules over files and directories without the orchestrator.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "scanner/code/code_rule.h"
#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/parse.h"
#include "scanner/code/taint/dataflow.h"

namespace assay::testing::meta {

inline code::ParsedFile parse_text(code::Language l, const std::string& path, std::string text) {
  return code::parse(code::SourceFile{path, "/tmp/" + path, l, std::move(text)});
}

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::optional<code::Language> language_of(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".py") return code::Language::python;
  if (ext == ".js" || ext == ".mjs" || ext == ".cjs") return code::Language::javascript;
  if (ext == ".ts") return code::Language::typescript;
  if (ext == ".tsx") return code::Language::tsx;
  if (ext == ".go") return code::Language::go;
  return std::nullopt;
}

// META's rules (MCP120-MCP149) from the repository's rules/code.
inline const std::vector<code::CodeRule>& meta_rules() {
  static const std::vector<code::CodeRule> rules = [] {
    std::vector<code::CodeRule> out;
    for (auto& r : code::load_code_rules(std::string(ASSAY_SOURCE_DIR) + "/rules/code")) {
      int n = std::stoi(r.id.substr(3));
      if (n >= 120 && n <= 149) out.push_back(std::move(r));
    }
    return out;
  }();
  return rules;
}

inline const code::CodeRule& meta_rule(const std::string& id) {
  for (const auto& r : meta_rules())
    if (r.id == id) return r;
  throw std::runtime_error("no rule " + id);
}

// Lines where one META rule reports in one file: dataflow rules through the extractor and the
// taint engine, query rules (MCP128) by running their query as the orchestrator does.
inline std::vector<int> rule_lines(const code::CodeRule& rule, const code::ParsedFile& file,
                                   const std::vector<code::ExtractedTool>* tools = nullptr) {
  std::vector<int> out;
  if (rule.query) {
    const code::CompiledQuery* q = rule.query->for_language(file.file().language);
    if (!q) return out;
    q->for_each_match(file, [&](const code::QueryMatch& m) {
      TSNode at = m.capture("finding");
      if (!ts_node_is_null(at)) out.push_back(file.location(at).start_line);
    });
    return out;
  }
  std::vector<code::ExtractedTool> own;
  if (!tools) {
    own = code::tools_with_handler_in(code::extract_servers({&file}), file.file().path);
    tools = &own;
  }
  for (const auto& f : code::run_dataflow_rule(rule, file, *tools)) out.push_back(f.locations.at(0).physical.start_line);
  return out;
}

// "RULE:line" for every finding of META's dataflow rules over the files (paths as given).
inline std::vector<std::string> run_meta(const std::vector<const code::ParsedFile*>& files,
                                         const std::vector<std::string>& only = {}) {
  auto servers = code::extract_servers(files);
  std::vector<std::string> out;
  for (const auto* f : files) {
    auto tools = code::tools_with_handler_in(servers, f->file().path);
    for (const auto& rule : meta_rules()) {
      if (!only.empty() && std::find(only.begin(), only.end(), rule.id) == only.end()) continue;
      for (int line : rule_lines(rule, *f, &tools))
        out.push_back(rule.id + ":" + f->file().path + ":" + std::to_string(line));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Parses every source file under `dir` (sorted); paths reported relative to ASSAY_SOURCE_DIR.
inline std::vector<code::ParsedFile> parse_tree(const std::string& relative_dir) {
  std::vector<code::ParsedFile> files;
  std::filesystem::path root = std::string(ASSAY_SOURCE_DIR);
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(root / relative_dir))
    if (e.is_regular_file() && language_of(e.path())) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    std::string rel = std::filesystem::relative(p, root).generic_string();
    files.push_back(code::parse(code::SourceFile{rel, p.string(), *language_of(p), read_text(p)}));
  }
  return files;
}

}  // namespace assay::testing::meta

namespace doctest {
// So failed comparisons of finding lists print the lists.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return String((out + "]").c_str());
  }
};
}  // namespace doctest
