// Field roles from names (split into words) and descriptions (a few bounded phrases).
#include "scanner/fuzz/field_role.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace assay::fuzz {
namespace {

struct RoleName {
  FieldRole role;
  const char* name;
};

const RoleName kRoleNames[] = {
    {FieldRole::path, "path"},         {FieldRole::url, "url"},           {FieldRole::host, "host"},
    {FieldRole::command, "command"},   {FieldRole::query, "query"},       {FieldRole::expression, "expression"},
    {FieldRole::template_text, "template"}, {FieldRole::text, "text"},
};

// Words of a parameter name that say its role. A name is split at '_', '-', '.', spaces and
// lower-to-upper case changes: "filePath" -> file, path.
const std::map<std::string, FieldRole>& name_words() {
  static const std::map<std::string, FieldRole> m = {
      {"path", FieldRole::path},       {"paths", FieldRole::path},         {"file", FieldRole::path},
      {"files", FieldRole::path},      {"filename", FieldRole::path},      {"filepath", FieldRole::path},
      {"dir", FieldRole::path},        {"dirs", FieldRole::path},          {"directory", FieldRole::path},
      {"folder", FieldRole::path},     {"cwd", FieldRole::path},           {"workdir", FieldRole::path},
      {"destination", FieldRole::path}, {"dest", FieldRole::path},         {"source", FieldRole::path},
      {"url", FieldRole::url},         {"urls", FieldRole::url},           {"uri", FieldRole::url},
      {"uris", FieldRole::url},        {"endpoint", FieldRole::url},       {"link", FieldRole::url},
      {"href", FieldRole::url},        {"webhook", FieldRole::url},        {"callback", FieldRole::url},
      {"host", FieldRole::host},       {"hostname", FieldRole::host},      {"domain", FieldRole::host},
      {"server", FieldRole::host},     {"ip", FieldRole::host},            {"address", FieldRole::host},
      {"addr", FieldRole::host},       {"command", FieldRole::command},    {"commands", FieldRole::command},
      {"cmd", FieldRole::command},     {"script", FieldRole::command},     {"shell", FieldRole::command},
      {"exec", FieldRole::command},    {"executable", FieldRole::command}, {"program", FieldRole::command},
      {"bash", FieldRole::command},    {"args", FieldRole::command},       {"argv", FieldRole::command},
      {"query", FieldRole::query},     {"sql", FieldRole::query},          {"statement", FieldRole::query},
      {"where", FieldRole::query},     {"filter", FieldRole::query},       {"search", FieldRole::query},
      {"expression", FieldRole::expression}, {"expr", FieldRole::expression}, {"code", FieldRole::expression},
      {"eval", FieldRole::expression}, {"javascript", FieldRole::expression}, {"js", FieldRole::expression},
      {"function", FieldRole::expression}, {"formula", FieldRole::expression}, {"jq", FieldRole::expression},
      {"jsonpath", FieldRole::expression}, {"xpath", FieldRole::expression},
      {"template", FieldRole::template_text}, {"tpl", FieldRole::template_text}, {"jinja", FieldRole::template_text},
      {"text", FieldRole::text},       {"content", FieldRole::text},       {"body", FieldRole::text},
      {"message", FieldRole::text},    {"note", FieldRole::text},          {"notes", FieldRole::text},
      {"comment", FieldRole::text},    {"description", FieldRole::text},   {"title", FieldRole::text},
      {"prompt", FieldRole::text},     {"summary", FieldRole::text},       {"observations", FieldRole::text},
      {"thought", FieldRole::text},    {"contents", FieldRole::text},
  };
  return m;
}

struct DescriptionCue {
  FieldRole role;
  const char* regex;  // case-insensitive, bounded
};

const DescriptionCue kDescriptionCues[] = {
    {FieldRole::path, R"(\b(file|directory|folder) ?(path|name)s?\b|\bpaths? (to|of)\b|\b(absolute|relative) path\b|\bdirectory\b)"},
    {FieldRole::url, R"(\burls?\b|\buri\b|\bendpoint\b|\bhttps?://|\bwebhook\b)"},
    {FieldRole::host, R"(\bhost ?names?\b|\bhosts?\b|\bdomain names?\b|\bip address)"},
    {FieldRole::command, R"(\b(shell|terminal|bash|system) commands?\b|\bcommands? to (run|execute)\b|\bcommand line\b|\bscript to (run|execute)\b)"},
    {FieldRole::query, R"(\bsql\b|\bquery\b|\bsearch terms?\b)"},
    {FieldRole::expression, R"(\bjavascript\b|\bexpression\b|\bcode to (run|execute|evaluate)\b|\bjq\b|\bjsonpath\b)"},
    {FieldRole::template_text, R"(\btemplate\b)"},
};

std::vector<std::string> name_parts(const std::string& name) {
  std::vector<std::string> words;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) words.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < name.size() && i < 256; ++i) {
    char c = name[i];
    if (c == '_' || c == '-' || c == '.' || c == ' ' || c == '/') {
      flush();
      continue;
    }
    bool upper = c >= 'A' && c <= 'Z';
    if (upper && i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z') flush();
    cur += upper ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
  return words;
}

}  // namespace

std::string_view to_string(FieldRole r) {
  for (const auto& rn : kRoleNames)
    if (rn.role == r) return rn.name;
  return "?";
}

std::optional<FieldRole> parse_field_role(const std::string& s) {
  for (const auto& rn : kRoleNames)
    if (s == rn.name) return rn.role;
  return std::nullopt;
}

const std::vector<FieldRole>& all_field_roles() {
  static const std::vector<FieldRole> all = [] {
    std::vector<FieldRole> v;
    for (const auto& rn : kRoleNames) v.push_back(rn.role);
    return v;
  }();
  return all;
}

std::vector<FieldRole> classify_field(const std::string& name, const std::string& description,
                                      const std::string& format) {
  std::set<FieldRole> roles;
  for (const auto& w : name_parts(name))
    if (auto it = name_words().find(w); it != name_words().end()) roles.insert(it->second);
  if (!description.empty()) {
    static const std::vector<std::pair<FieldRole, std::unique_ptr<RE2>>> cues = [] {
      std::vector<std::pair<FieldRole, std::unique_ptr<RE2>>> v;
      RE2::Options o;
      o.set_case_sensitive(false);
      for (const auto& c : kDescriptionCues) v.emplace_back(c.role, std::make_unique<RE2>(c.regex, o));
      return v;
    }();
    // Only the start of a description: the sentence that says what the field is.
    std::string head = description.substr(0, 240);
    for (const auto& [role, re] : cues)
      if (RE2::PartialMatch(head, *re)) roles.insert(role);
  }
  if (format == "uri" || format == "url" || format == "iri" || format == "uri-reference") roles.insert(FieldRole::url);
  if (format == "hostname" || format == "ipv4" || format == "ipv6" || format == "idn-hostname") roles.insert(FieldRole::host);
  return {roles.begin(), roles.end()};
}

}  // namespace assay::fuzz
