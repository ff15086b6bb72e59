// Code rules: YAML files under rules/code/<language>/, each a tree-sitter query, a dataflow
// spec (META's taint engine) or a clang spec (CLANG's engine), with an annotated example beside it.
#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scanner/code/query.h"
#include "scanner/code/source_file.h"
#include "scanner/model/rule_info.h"
#include "scanner/model/severity.h"

namespace assay::code {

// One query compiled for one language.
struct CodeQuery {
  Language language = Language::javascript;
  CompiledQuery query;
  std::string where;  // "rules/code/javascript/MCP101-x.yaml:12"
};

// A query as written in a rule, compiled for every tree-sitter language the rule applies to
// (javascript rules also run on typescript and tsx: the grammars share node names).
struct LanguageQueries {
  std::string source;              // the query text as written
  std::vector<CodeQuery> compiled;  // one per language; none for c/cpp
  // The compiled query for `language`; nullptr if the rule does not apply to it.
  const CompiledQuery* for_language(Language language) const;
};

// One sink or sanitizer of a dataflow rule.
struct DataflowPattern {
  LanguageQueries query;
  nlohmann::json options = nlohmann::json::object();  // every other key of the list item
};

struct DataflowSpec {
  std::string sources;  // "tool-arguments" or "remote-content"
  std::vector<DataflowPattern> sinks;       // @sink = the node that must be tainted
  std::vector<DataflowPattern> sanitizers;  // @sanitizer = a node that cleans what passes
  nlohmann::json options = nlohmann::json::object();  // other keys under `dataflow:`
};

struct CodeRule {
  std::string id;                 // MCP101
  std::string name;               // reads-ssh-private-key
  std::string short_description;  // `short:`
  std::string description;        // `description:` (optional paragraph; SARIF fullDescription)
  std::string message;            // `message:` with {capture} placeholders
  std::string help;               // `help:` markdown
  std::string example_file;       // absolute path of the annotated example
  Severity severity = Severity::medium;
  Confidence confidence = Confidence::medium;
  std::vector<std::string> cwe;
  std::vector<std::string> tags;
  std::vector<Language> languages;  // from `languages:` or the folder
  // `paths:` / `exclude_paths:` globs over the path from the scan root (see glob.h): a rule
  // with `paths` runs only on files matching one; `exclude_paths` wins over `paths`.
  std::vector<std::string> paths;
  std::vector<std::string> exclude_paths;
  std::string rule_file;            // absolute path of the YAML file
  // Exactly one of query / dataflow / clang is set.
  std::optional<LanguageQueries> query;  // finding at @finding (else the whole match)
  std::optional<DataflowSpec> dataflow;
  nlohmann::json clang;  // null unless the rule has a `clang:` block (kept as written)

  bool applies_to(Language language) const;
  bool applies_to_path(std::string_view path) const;
  RuleInfo info() const;  // what the SARIF writer needs
};

// Loads one rule file; `language_dir` is the folder it sits in ("javascript", "cpp", ...).
// Throws AssayError(input) naming file:line for anything wrong.
CodeRule load_code_rule(const std::string& path);
// Every *.yaml under dir/<language>/ (dir is usually rules/code), sorted by id; duplicate ids
// are an error. A missing dir gives no rules.
std::vector<CodeRule> load_code_rules(const std::string& dir);

// Fills {name} placeholders from `lookup` (nullopt leaves the placeholder as written);
// each value is cut to a readable length and made single-line.
std::string render_message(const std::string& message_template,
                           const std::function<std::optional<std::string>(std::string_view)>& lookup);

}  // namespace assay::code
