// Reads metadata rules from YAML and refuses anything malformed, naming the file and line.
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "scanner/model/error.h"
#include "scanner/rules/metadata_rule.h"

namespace assay::rules {
namespace {

namespace fs = std::filesystem;

class RuleFileReader {
 public:
  explicit RuleFileReader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
    int line = at.IsDefined() ? at.Mark().line + 1 : 0;
    throw input_error(path_ + (line > 0 ? ":" + std::to_string(line) : "") + ": " + what);
  }

  void only_keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const char* where) const {
    if (!map.IsMap()) fail(map, std::string(where) + " must be a mapping");
    for (const auto& kv : map) {
      std::string key = kv.first.as<std::string>();
      if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
        fail(kv.first, "unknown key '" + key + "' in " + where);
    }
  }

  std::string text(const YAML::Node& map, const char* key, bool required) const {
    YAML::Node n = map[key];
    if (!n.IsDefined() || n.IsNull()) {
      if (required) fail(map, std::string("missing required key '") + key + "'");
      return {};
    }
    if (!n.IsScalar()) fail(n, std::string("'") + key + "' must be a string");
    return n.as<std::string>();
  }

  std::vector<std::string> list(const YAML::Node& map, const char* key) const {
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

  void check_regex(const YAML::Node& at, const std::string& regex) const {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_case_sensitive(false);
    RE2 re(regex, opts);
    if (!re.ok()) fail(at, "pattern '" + regex + "' is not a valid RE2 regex: " + re.error());
  }

  Severity severity(const YAML::Node& n) const {
    auto s = parse_severity(n.as<std::string>());
    if (!s) fail(n, "severity must be one of info, low, medium, high, critical");
    return *s;
  }

  Confidence confidence(const YAML::Node& n) const {
    auto c = parse_confidence(n.as<std::string>());
    if (!c) fail(n, "confidence must be one of low, medium, high");
    return *c;
  }

  std::vector<RuleExample> examples(const YAML::Node& list, const char* which) const {
    std::vector<RuleExample> out;
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) fail(list, std::string("examples.") + which + " must be a list");
    for (const auto& item : list) {
      RuleExample ex;
      ex.line = item.Mark().line + 1;
      if (item.IsScalar()) {
        ex.text = item.as<std::string>();
      } else if (item.IsMap()) {
        only_keys(item, {"text", "field"}, "an example");
        ex.text = text(item, "text", true);
        std::string field = text(item, "field", false);
        if (!field.empty()) {
          auto kinds = parse_field_selector(field);
          if (!kinds || kinds->size() != 1) fail(item["field"], "example field '" + field + "' is not one field kind");
          ex.field = kinds->front();
        }
      } else {
        fail(item, "an example is a string or a mapping with text and field");
      }
      out.push_back(std::move(ex));
    }
    return out;
  }

  MetadataRule read() const {
    YAML::Node root;
    try {
      root = YAML::LoadFile(path_);
    } catch (const YAML::ParserException& e) {
      throw input_error(path_ + ":" + std::to_string(e.mark.line + 1) + ": invalid YAML: " + e.msg);
    } catch (const YAML::BadFile&) {
      throw input_error(path_ + ": cannot read rule file");
    }
    only_keys(root, {"id", "name", "title", "description", "severity", "confidence", "cwe", "tags", "message",
                     "help", "fields", "patterns", "unless", "check", "decode", "examples", "references"},
              "a rule");
    MetadataRule r;
    r.file = path_;
    r.info.id = text(root, "id", true);
    if (!RE2::FullMatch(r.info.id, R"(MCP[0-3]\d\d)")) fail(root["id"], "id must look like MCP0nn..MCP3nn");
    std::string stem = fs::path(path_).filename().string();
    if (!stem.starts_with(r.info.id)) fail(root["id"], "file name must start with the rule id " + r.info.id);
    r.info.name = text(root, "name", true);
    r.info.short_description = text(root, "title", true);
    r.info.full_description = text(root, "description", true);
    r.info.help_markdown = text(root, "help", true);
    r.info.severity = severity(root["severity"]);
    r.info.confidence = confidence(root["confidence"]);
    r.info.cwe = list(root, "cwe");
    if (r.info.cwe.empty()) fail(root, "every rule names at least one CWE");
    for (const auto& c : r.info.cwe)
      if (!RE2::FullMatch(c, R"(CWE-\d+)")) fail(root["cwe"], "CWE ids look like CWE-1427, not '" + c + "'");
    r.info.tags = list(root, "tags");
    r.message = text(root, "message", true);

    for (const auto& f : list(root, "fields")) {
      auto kinds = parse_field_selector(f);
      if (!kinds) fail(root["fields"], "unknown field '" + f + "'");
      for (auto k : *kinds)
        if (std::find(r.fields.begin(), r.fields.end(), k) == r.fields.end()) r.fields.push_back(k);
    }
    if (r.fields.empty()) fail(root, "missing required key 'fields'");

    std::string check = text(root, "check", false);
    static const std::pair<const char*, BuiltinCheck> kChecks[] = {
        {"unicode-tag-characters", BuiltinCheck::tag_characters},
        {"zero-width-characters", BuiltinCheck::zero_width},
        {"bidi-controls", BuiltinCheck::bidi_controls},
        {"ansi-escapes", BuiltinCheck::ansi_escapes},
        {"other-invisible-characters", BuiltinCheck::other_invisible},
        {"confusable-identifier", BuiltinCheck::confusable_identifier},
        {"whitespace-padding", BuiltinCheck::whitespace_padding}};
    if (!check.empty()) {
      auto it = std::find_if(std::begin(kChecks), std::end(kChecks), [&](auto& c) { return check == c.first; });
      if (it == std::end(kChecks)) fail(root["check"], "unknown check '" + check + "'");
      r.check = it->second;
    }

    YAML::Node patterns = root["patterns"];
    if (patterns.IsDefined() && !patterns.IsNull()) {
      if (!patterns.IsSequence()) fail(patterns, "patterns must be a list");
      std::set<std::string> ids;
      for (const auto& p : patterns) {
        only_keys(p, {"id", "regex", "requires", "unless", "severity", "confidence"}, "a pattern");
        RulePattern rp;
        rp.line = p.Mark().line + 1;
        rp.id = text(p, "id", true);
        if (!ids.insert(rp.id).second) fail(p["id"], "duplicate pattern id '" + rp.id + "'");
        rp.regex = text(p, "regex", true);
        check_regex(p["regex"], rp.regex);
        rp.requires_all = list(p, "requires");
        for (const auto& re : rp.requires_all) check_regex(p["requires"], re);
        rp.unless = list(p, "unless");
        for (const auto& re : rp.unless) check_regex(p["unless"], re);
        if (p["severity"].IsDefined()) rp.severity = severity(p["severity"]);
        if (p["confidence"].IsDefined()) rp.confidence = confidence(p["confidence"]);
        r.patterns.push_back(std::move(rp));
      }
    }
    if (r.patterns.empty() == (r.check == BuiltinCheck::none))
      fail(root, "a rule has either patterns or a check, exactly one of them");
    r.unless = list(root, "unless");
    for (const auto& re : r.unless) check_regex(root["unless"], re);
    if (root["decode"].IsDefined()) r.scan_decoded = root["decode"].as<bool>();

    YAML::Node ex = root["examples"];
    if (!ex.IsDefined()) fail(root, "missing required key 'examples'");
    only_keys(ex, {"match", "no_match"}, "examples");
    r.must_match = examples(ex["match"], "match");
    r.must_not_match = examples(ex["no_match"], "no_match");
    if (r.must_match.empty() || r.must_not_match.empty())
      fail(ex, "a rule needs at least one match and one no_match example");
    return r;
  }

 private:
  std::string path_;
};

}  // namespace

MetadataRule load_metadata_rule_file(const std::string& path) {
  try {
    return RuleFileReader(path).read();
  } catch (const YAML::Exception& e) {
    // Type conversions (e.g. `decode: maybe`) surface here with the node's position.
    throw input_error(path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

std::vector<MetadataRule> load_metadata_rules(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw input_error(dir + ": rules directory not found");
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_regular_file() && (entry.path().extension() == ".yaml" || entry.path().extension() == ".yml"))
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  std::vector<MetadataRule> rules;
  std::set<std::string> ids;
  for (const auto& f : files) {
    MetadataRule r = load_metadata_rule_file(f);
    if (!ids.insert(r.info.id).second) throw input_error(f + ": duplicate rule id " + r.info.id);
    rules.push_back(std::move(r));
  }
  if (rules.empty()) throw input_error(dir + ": no rule files (*.yaml) found");
  return rules;
}

}  // namespace assay::rules
