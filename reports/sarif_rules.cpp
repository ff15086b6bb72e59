// SARIF reportingDescriptors: every rule's documentation transcribed, plus GitHub's severity properties.
#include <algorithm>
#include <cctype>

#include "reports/sarif_parts.h"
#include "reports/visible_text.h"

namespace assay::reports::sarif {

std::string_view level(Severity s) {
  switch (s) {
    case Severity::critical:
    case Severity::high: return "error";
    case Severity::medium: return "warning";
    case Severity::low:
    case Severity::info: return "note";
  }
  return "note";
}

std::string_view security_severity(Severity s) {
  switch (s) {
    case Severity::critical: return "9.5";
    case Severity::high: return "8.0";
    case Severity::medium: return "5.5";
    case Severity::low: return "3.0";
    case Severity::info: return "1.0";
  }
  return "1.0";
}

namespace {

// GitHub's problem.severity vocabulary for non-security severities.
std::string_view problem_severity(Severity s) {
  const std::string_view l = level(s);
  return l == "note" ? "recommendation" : l;
}

std::string_view precision(Confidence c) { return to_string(c); }

std::string or_else(const std::string& text, const std::string& fallback) { return text.empty() ? fallback : text; }

}  // namespace

std::string pascal_case(std::string_view kebab) {
  std::string out;
  bool upper = true;
  for (char c : kebab) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u)) {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(u)) : c);
    upper = false;
  }
  return out;
}

std::string github_cwe_tag(std::string_view cwe) {
  if (cwe.size() > 4 && (cwe.substr(0, 4) == "CWE-" || cwe.substr(0, 4) == "cwe-")) cwe.remove_prefix(4);
  if (cwe.empty()) return {};
  for (char c : cwe)
    if (!std::isdigit(static_cast<unsigned char>(c))) return {};
  return "external/cwe/cwe-" + std::string(cwe);
}

Json rule_descriptor(const RuleInfo& rule) {
  Json tags = Json::array({"security"});
  auto add_tag = [&](const std::string& tag) {
    if (!tag.empty() && std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  };
  for (const auto& cwe : rule.cwe) add_tag(github_cwe_tag(cwe));
  for (const auto& tag : rule.tags) add_tag(tag);

  const std::string name = or_else(pascal_case(rule.name), "Rule" + rule.id);
  const std::string short_text = or_else(rule.short_description, or_else(rule.name, rule.id));
  const std::string full_text = or_else(rule.full_description, short_text);
  const std::string help_markdown = or_else(rule.help_markdown, full_text);

  Json d;
  d["id"] = rule.id;
  d["name"] = name;
  d["shortDescription"] = {{"text", message_text(short_text)}};
  d["fullDescription"] = {{"text", message_text(full_text)}};
  // Help is markdown by nature; its source reads well as plain text where markdown is not rendered.
  d["help"] = {{"text", help_markdown}, {"markdown", help_markdown}};
  d["defaultConfiguration"] = {{"level", level(rule.severity)}};
  d["properties"] = {
      {"tags", tags},
      {"precision", precision(rule.confidence)},
      {"problem.severity", problem_severity(rule.severity)},
      {"security-severity", security_severity(rule.severity)},
      {"mcpAssayName", rule.name},
  };
  return d;
}

std::string message_text(std::string_view text) {
  std::string out;
  for (char c : visible_text(text)) {
    if (c == '[' || c == ']') out.push_back('\\');
    out.push_back(c);
  }
  if (out.empty()) return "No message.";
  const char last = out.back();
  if (last != '.' && last != '!' && last != '?') out.push_back('.');
  return out;
}

}  // namespace assay::reports::sarif
