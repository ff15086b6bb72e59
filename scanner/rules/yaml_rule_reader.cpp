// Strict YAML reading shared by the rule loaders.
#include "scanner/rules/yaml_rule_reader.h"

#include <re2/re2.h>

#include <algorithm>

#include "scanner/model/error.h"

namespace assay::rules {

namespace fs = std::filesystem;

YAML::Node YamlRuleReader::load() const {
  try {
    return YAML::LoadFile(path_);
  } catch (const YAML::ParserException& e) {
    throw input_error(path_ + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
  } catch (const YAML::BadFile&) {
    throw input_error(path_ + ": cannot read rule file");
  }
}

void YamlRuleReader::fail(const YAML::Node& at, const std::string& what) const {
  int line = at.IsDefined() ? at.Mark().line + 1 : 0;
  throw input_error(path_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
}

void YamlRuleReader::only_keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                               const char* where) const {
  if (!map.IsMap()) fail(map, std::string(where) + " must be a mapping");
  for (const auto& kv : map) {
    std::string key = kv.first.as<std::string>();
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
      fail(kv.first, "unknown key '" + key + "' in " + where);
  }
}

std::string YamlRuleReader::text(const YAML::Node& map, const char* key, bool required) const {
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) {
    if (required) fail(map, std::string("missing required key '") + key + "'");
    return {};
  }
  if (!n.IsScalar()) fail(n, std::string("'") + key + "' must be a string");
  return n.as<std::string>();
}

std::vector<std::string> YamlRuleReader::list(const YAML::Node& map, const char* key) const {
  std::vector<std::string> out;
  YAML::Node n = map[key];
  if (!n.IsDefined() || n.IsNull()) return out;
  if (n.IsScalar()) return {n.as<std::string>()};
  if (!n.IsSequence()) fail(n, std::string("'") + key + "' must be a list of strings");
  for (const auto& item : n) {
    if (!item.IsScalar()) fail(item, std::string("'") + key + "' must be a list of strings");
    out.push_back(item.as<std::string>());
  }
  return out;
}

void YamlRuleReader::check_regex(const YAML::Node& at, const std::string& regex) const {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(false);
  RE2 re(regex, opts);
  if (!re.ok()) fail(at, "pattern '" + regex + "' is not a valid RE2 regex: " + re.error());
}

Severity YamlRuleReader::severity(const YAML::Node& n) const {
  auto s = n.IsScalar() ? parse_severity(n.as<std::string>()) : std::nullopt;
  if (!s) fail(n, "severity must be one of info, low, medium, high, critical");
  return *s;
}

Confidence YamlRuleReader::confidence(const YAML::Node& n) const {
  auto c = n.IsScalar() ? parse_confidence(n.as<std::string>()) : std::nullopt;
  if (!c) fail(n, "confidence must be one of low, medium, high");
  return *c;
}

RuleInfo YamlRuleReader::rule_info(const YAML::Node& root) const {
  RuleInfo info;
  info.id = text(root, "id", true);
  // MCP9nn is left to users' own rule directories (--rules), so theirs never collide with ours.
  if (!RE2::FullMatch(info.id, R"(MCP[0-39]\d\d)"))
    fail(root["id"], "id must look like MCP0nn..MCP3nn, or MCP9nn for your own rules");
  if (!fs::path(path_).filename().string().starts_with(info.id))
    fail(root["id"], "file name must start with the rule id " + info.id);
  info.name = text(root, "name", true);
  info.short_description = text(root, "title", true);
  info.full_description = text(root, "description", true);
  info.help_markdown = text(root, "help", true);
  if (!root["severity"].IsDefined()) fail(root, "missing required key 'severity'");
  info.severity = severity(root["severity"]);
  if (!root["confidence"].IsDefined()) fail(root, "missing required key 'confidence'");
  info.confidence = confidence(root["confidence"]);
  info.cwe = list(root, "cwe");
  if (info.cwe.empty()) fail(root, "every rule names at least one CWE");
  for (const auto& c : info.cwe)
    if (!RE2::FullMatch(c, R"(CWE-\d+)")) fail(root["cwe"], "CWE ids look like CWE-1427, not '" + c + "'");
  info.tags = list(root, "tags");
  return info;
}

std::vector<std::string> rule_files_in(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw input_error(dir + ": rules directory not found");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml"))
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace assay::rules
