// Reading one rule file (metadata, runtime or code rules): the strict YAML checks every rule
// loader shares, each failure naming the file and line.
#pragma once
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "scanner/model/rule_info.h"

namespace assay::rules {

class YamlRuleReader {
 public:
  explicit YamlRuleReader(std::string path) : path_(std::move(path)) {}

  const std::string& path() const { return path_; }
  // Parses the file; invalid YAML or an unreadable file becomes AssayError(input) with file:line.
  YAML::Node load() const;

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const;
  void only_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const char* where) const;
  std::string text(const YAML::Node& map, const char* key, bool required) const;
  std::vector<std::string> list(const YAML::Node& map, const char* key) const;
  // Case-insensitive RE2, as every rule regex is compiled.
  void check_regex(const YAML::Node& at, const std::string& regex) const;
  Severity severity(const YAML::Node& n) const;
  Confidence confidence(const YAML::Node& n) const;

  // The documentation header every rule has: id (MCPnnn, matching the file name), name, title,
  // description, help, severity, confidence, cwe (at least one), tags.
  RuleInfo rule_info(const YAML::Node& root) const;

 private:
  std::string path_;
};

// *.yaml / *.yml directly in `dir`, sorted by name; AssayError(input) when `dir` is missing.
std::vector<std::string> rule_files_in(const std::string& dir);

}  // namespace assay::rules
