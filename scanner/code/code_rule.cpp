// Loads code rules from rules/code/<language>/*.yaml, compiling each query for every language
// the rule applies to, and refusing anything malformed with file:line.
#include "scanner/code/code_rule.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "scanner/code/glob.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace fs = std::filesystem;

namespace assay::code {
namespace {

// What a rule in each folder applies to unless it lists `languages:`. JavaScript rules run
// on TypeScript and TSX too: the grammars share the expression and statement node names.
const std::map<std::string, std::vector<Language>>& folder_languages() {
  static const std::map<std::string, std::vector<Language>> m = {
      {"python", {Language::python}},
      {"javascript", {Language::javascript, Language::typescript, Language::tsx}},
      {"typescript", {Language::typescript, Language::tsx}},
      {"go", {Language::go}},
      {"cpp", {Language::c, Language::cpp}},
      {"json", {Language::json}},
  };
  return m;
}

nlohmann::json to_json(const YAML::Node& n) {
  if (n.IsMap()) {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& kv : n) j[kv.first.as<std::string>()] = to_json(kv.second);
    return j;
  }
  if (n.IsSequence()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& item : n) j.push_back(to_json(item));
    return j;
  }
  if (n.IsScalar()) return n.as<std::string>();
  return nullptr;
}

class CodeRuleReader : public rules::YamlRuleReader {
 public:
  explicit CodeRuleReader(std::string path) : YamlRuleReader(std::move(path)) {
    std::ifstream in(this->path(), std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    raw_ = s.str();
  }

  // "file:line" of the first line of a scalar's text: a block scalar (`query: |`) starts on
  // the line after its indicator.
  std::string where(const YAML::Node& n) const {
    int line = n.Mark().line + 1;
    size_t pos = static_cast<size_t>(std::max(0, n.Mark().pos));
    if (pos < raw_.size() && (raw_[pos] == '|' || raw_[pos] == '>')) ++line;
    return path() + ":" + std::to_string(line);
  }

  LanguageQueries queries(const YAML::Node& n, const std::vector<Language>& languages) const {
    if (!n.IsScalar()) fail(n, "a query must be a string (use `query: |`)");
    LanguageQueries q;
    q.source = n.as<std::string>();
    std::string at = where(n);
    for (Language l : languages) {
      if (!grammar(l)) fail(n, std::string("tree-sitter queries do not apply to ") + to_string(l));
      q.compiled.push_back(CodeQuery{l, CompiledQuery::compile(l, q.source, at), at});
    }
    return q;
  }

  std::vector<DataflowPattern> patterns(const YAML::Node& list, const char* what,
                                        const std::vector<Language>& languages) const {
    std::vector<DataflowPattern> out;
    if (!list.IsDefined() || list.IsNull()) return out;
    if (!list.IsSequence()) fail(list, std::string(what) + " must be a list of {query: ...}");
    for (const auto& item : list) {
      if (!item.IsMap() || !item["query"].IsDefined())
        fail(item, std::string("each of ") + what + " needs a query");
      DataflowPattern p;
      p.query = queries(item["query"], languages);
      for (const auto& kv : item)
        if (kv.first.as<std::string>() != "query") p.options[kv.first.as<std::string>()] = to_json(kv.second);
      out.push_back(std::move(p));
    }
    return out;
  }

  CodeRule read() const {
    YAML::Node root = load();
    only_keys(root, {"id", "name", "severity", "confidence", "cwe", "tags", "languages", "short",
                     "description", "message", "help", "example", "query", "dataflow", "clang",
                     "references", "paths", "exclude_paths"},
              "a code rule");
    CodeRule r;
    r.rule_file = fs::absolute(path()).lexically_normal().string();
    r.id = text(root, "id", true);
    if (!RE2::FullMatch(r.id, R"(MCP[19]\d\d)"))
      fail(root["id"], "code rule ids are MCP100..MCP199, or MCP900..MCP999 for your own rules");
    if (!fs::path(path()).filename().string().starts_with(r.id + "-"))
      fail(root["id"], "file name must start with the rule id and a dash: " + r.id + "-...");
    r.name = text(root, "name", true);
    r.short_description = text(root, "short", true);
    r.message = text(root, "message", true);
    r.help = text(root, "help", true);
    r.description = text(root, "description", false);
    if (!root["severity"].IsDefined()) fail(root, "missing required key 'severity'");
    r.severity = severity(root["severity"]);
    if (!root["confidence"].IsDefined()) fail(root, "missing required key 'confidence'");
    r.confidence = confidence(root["confidence"]);
    r.cwe = list(root, "cwe");
    if (r.cwe.empty()) fail(root, "every rule names at least one CWE");
    for (const auto& c : r.cwe)
      if (!RE2::FullMatch(c, R"(CWE-\d+)")) fail(root["cwe"], "CWE ids look like CWE-78, not '" + c + "'");
    r.tags = list(root, "tags");
    r.paths = list(root, "paths");
    r.exclude_paths = list(root, "exclude_paths");

    std::string folder = fs::path(path()).parent_path().filename().string();
    auto defaults = folder_languages().find(folder);
    if (defaults == folder_languages().end())
      fail(root, "code rules live in rules/code/<python|javascript|typescript|go|cpp|json>/, not '" + folder + "'");
    for (const auto& name : list(root, "languages")) {
      auto l = language_from_name(name);
      if (!l) fail(root["languages"], "unknown language '" + name + "'");
      r.languages.push_back(*l);
    }
    if (r.languages.empty()) r.languages = defaults->second;

    std::string example = text(root, "example", true);
    r.example_file = (fs::path(r.rule_file).parent_path() / example).lexically_normal().string();
    std::error_code ec;
    if (!fs::is_regular_file(r.example_file, ec))
      fail(root["example"], "example file not found: " + r.example_file);

    int kinds = root["query"].IsDefined() + root["dataflow"].IsDefined() + root["clang"].IsDefined();
    if (kinds != 1) fail(root, "a code rule has exactly one of query, dataflow, clang");
    if (root["query"].IsDefined()) {
      r.query = queries(root["query"], r.languages);
    } else if (root["dataflow"].IsDefined()) {
      YAML::Node d = root["dataflow"];
      if (!d.IsMap()) fail(d, "dataflow must be a mapping with sources, sinks, sanitizers");
      DataflowSpec spec;
      spec.sources = text(d, "sources", true);
      // The taint engine (scanner/code/taint/) defines the source kinds: tool-arguments,
      // remote-content, run-time-description.
      if (!RE2::FullMatch(spec.sources, "[a-z]+(-[a-z]+)*"))
        fail(d["sources"], "dataflow sources is a kind name such as tool-arguments");
      spec.sinks = patterns(d["sinks"], "sinks", r.languages);
      if (spec.sinks.empty()) fail(d, "a dataflow rule needs at least one sink");
      for (const auto& s : spec.sinks)
        for (const auto& cq : s.query.compiled)
          if (cq.query.capture_index("sink") < 0) fail(d["sinks"], "each sink query captures @sink");
      spec.sanitizers = patterns(d["sanitizers"], "sanitizers", r.languages);
      for (const auto& kv : d) {
        std::string key = kv.first.as<std::string>();
        if (key != "sources" && key != "sinks" && key != "sanitizers") spec.options[key] = to_json(kv.second);
      }
      r.dataflow = std::move(spec);
    } else {
      r.clang = to_json(root["clang"]);
      if (r.clang.is_null()) r.clang = nlohmann::json::object();
    }
    return r;
  }

 private:
  std::string raw_;
};

}  // namespace

const CompiledQuery* LanguageQueries::for_language(Language language) const {
  for (const auto& c : compiled)
    if (c.language == language) return &c.query;
  return nullptr;
}

bool CodeRule::applies_to(Language language) const {
  return std::find(languages.begin(), languages.end(), language) != languages.end();
}

bool CodeRule::applies_to_path(std::string_view path) const {
  for (const auto& p : exclude_paths)
    if (path_filter_match(p, path)) return false;
  if (paths.empty()) return true;
  for (const auto& p : paths)
    if (path_filter_match(p, path)) return true;
  return false;
}

RuleInfo CodeRule::info() const {
  RuleInfo i;
  i.id = id;
  i.name = name;
  i.short_description = short_description;
  i.full_description = description.empty() ? short_description : description;
  i.help_markdown = help;
  i.severity = severity;
  i.confidence = confidence;
  i.cwe = cwe;
  i.tags = tags;
  if (std::find(i.tags.begin(), i.tags.end(), "code") == i.tags.end()) i.tags.push_back("code");
  return i;
}

CodeRule load_code_rule(const std::string& path) {
  CodeRuleReader reader(path);
  return reader.read();
}

std::vector<CodeRule> load_code_rules(const std::string& dir) {
  std::vector<CodeRule> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory()) folders.push_back(entry.path().string());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    if (!folder_languages().count(fs::path(folder).filename().string()))
      throw input_error(folder + ": not a code rule language folder (python, javascript, typescript, go, cpp)");
    for (const auto& file : rules::rule_files_in(folder)) out.push_back(load_code_rule(file));
  }
  std::sort(out.begin(), out.end(), [](const CodeRule& a, const CodeRule& b) { return a.id < b.id; });
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i].id == out[i - 1].id)
      throw input_error(out[i].rule_file + ": rule id " + out[i].id + " is also used by " + out[i - 1].rule_file);
  return out;
}

std::string render_message(const std::string& message_template,
                           const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  constexpr size_t kMaxValue = 80;
  std::string out;
  for (size_t i = 0; i < message_template.size();) {
    size_t open = message_template.find('{', i);
    if (open == std::string::npos) {
      out.append(message_template, i);
      break;
    }
    size_t close = message_template.find('}', open);
    if (close == std::string::npos) {
      out.append(message_template, i);
      break;
    }
    out.append(message_template, i, open - i);
    std::string_view name(message_template.data() + open + 1, close - open - 1);
    auto value = lookup(name);
    if (!value) {
      out.append(message_template, open, close - open + 1);
    } else {
      std::string v = *value;
      auto nl = v.find('\n');
      bool cut = nl != std::string::npos;
      if (cut) v.resize(nl);
      if (v.size() > kMaxValue) {
        size_t at = kMaxValue;
        while (at > 0 && (static_cast<unsigned char>(v[at]) & 0xC0) == 0x80) --at;  // whole code points
        v.resize(at);
        cut = true;
      }
      out += v;
      if (cut) out += "…";
    }
    i = close + 1;
  }
  return out;
}

}  // namespace assay::code
