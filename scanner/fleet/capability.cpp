// Labelling a tool's capabilities from its declared metadata.
#include "scanner/fleet/capability.h"

#include <re2/re2.h>

#include <algorithm>

#include "scanner/fleet/tool_names.h"
#include "scanner/text/normalize.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxParams = 64;        // a hostile schema with thousands of properties costs no more
constexpr size_t kMaxEvidence = 80;

struct ToolTexts {
  std::string name;
  std::string description;
  std::vector<std::string> param_names, param_descriptions;
};

std::string words_of(const std::string& name) {
  std::string out;
  for (const auto& w : name_words(name)) out += (out.empty() ? "" : " ") + w;
  return out;
}

ToolTexts texts_of(const Tool& t) {
  ToolTexts out;
  out.name = words_of(t.name);
  out.description = text::normalize_for_matching(t.title + (t.title.empty() ? "" : ". ") + t.description);
  const auto& props = t.input_schema.is_object() ? t.input_schema.value("properties", nlohmann::json()) : nlohmann::json();
  if (!props.is_object()) return out;
  for (const auto& [key, value] : props.items()) {
    if (out.param_names.size() >= kMaxParams) break;
    out.param_names.push_back(words_of(key));
    if (value.is_object() && value.contains("description") && value["description"].is_string())
      out.param_descriptions.push_back(text::normalize_for_matching(value["description"].get<std::string>()));
  }
  return out;
}

std::vector<const std::string*> field_texts(const ToolTexts& t, ToolField f) {
  std::vector<const std::string*> out;
  switch (f) {
    case ToolField::name: out.push_back(&t.name); break;
    case ToolField::description: out.push_back(&t.description); break;
    case ToolField::param_name:
      for (const auto& s : t.param_names) out.push_back(&s);
      break;
    case ToolField::param_description:
      for (const auto& s : t.param_descriptions) out.push_back(&s);
      break;
  }
  return out;
}

std::optional<std::string> fires(const CapabilitySignal& s, const Tool& tool, const ToolTexts& texts) {
  if (!s.annotations.empty()) {
    if (!tool.annotations.is_object()) return std::nullopt;
    std::string shown;
    for (const auto& [hint, want] : s.annotations) {
      auto it = tool.annotations.find(hint);
      if (it == tool.annotations.end() || !it->is_boolean() || it->get<bool>() != want) return std::nullopt;
      shown += (shown.empty() ? "" : ", ") + hint + ": " + (want ? "true" : "false");
    }
    return shown;
  }
  for (const std::string* text : field_texts(texts, *s.field)) {
    re2::StringPiece match;
    if (!s.regex->Match(*text, 0, text->size(), RE2::UNANCHORED, &match, 1)) continue;
    bool vetoed = false;
    for (const auto& u : s.unless) vetoed = vetoed || RE2::PartialMatch(*text, *u);
    if (vetoed) continue;
    std::string shown(match.data(), match.size());
    if (shown.empty()) shown = *text;
    return shown.substr(0, kMaxEvidence);
  }
  return std::nullopt;
}

}  // namespace

const char* to_string(Capability c) {
  switch (c) {
    case Capability::untrusted_content: return "untrusted-content";
    case Capability::private_data: return "private-data";
    case Capability::public_sink: return "public-sink";
    case Capability::destructive: return "destructive";
  }
  return "private-data";
}

std::optional<Capability> parse_capability(const std::string& s) {
  for (int i = 0; i < kCapabilityCount; ++i)
    if (s == to_string(static_cast<Capability>(i))) return static_cast<Capability>(i);
  return std::nullopt;
}

std::vector<ToolLabel> label_tool(const std::vector<CapabilityRule>& rules, const Tool& tool) {
  ToolTexts texts = texts_of(tool);
  std::vector<ToolLabel> out;
  for (const auto& rule : rules) {
    std::optional<ToolLabel> best;
    for (const auto& s : rule.signals) {
      if (best && (best->strong || !s.strong)) continue;  // already as strong as this signal can make it
      if (auto shown = fires(s, tool, texts)) best = ToolLabel{rule.label, s.strong, s.id, *shown};
    }
    if (!best) continue;
    // Two files may define the same label; keep the stronger reading.
    auto same = std::find_if(out.begin(), out.end(), [&](const ToolLabel& l) { return l.label == best->label; });
    if (same == out.end()) out.push_back(*best);
    else if (best->strong && !same->strong) *same = *best;
  }
  return out;
}

}  // namespace assay::fleet
