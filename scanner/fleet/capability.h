// What a tool can do, as far as a toxic flow cares: labels from rules/fleet/capabilities/*.yaml
// (regexes over the tool's name words, description and parameters, and its annotations).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "scanner/model/inventory.h"

namespace re2 {
class RE2;
}

namespace assay::fleet {

enum class Capability { untrusted_content, private_data, public_sink, destructive };
inline constexpr int kCapabilityCount = 4;

const char* to_string(Capability c);  // "untrusted-content", ...
std::optional<Capability> parse_capability(const std::string& s);

// Where a signal looks. Names are matched as lower-case words joined by one space ("readFile"
// reads "read file"); descriptions as normalized text (NFKC, case-folded, whitespace folded).
enum class ToolField { name, description, param_name, param_description };

struct CapabilitySignal {
  std::string id;
  bool strong = true;  // strong: the tool plainly does this; weak: it may
  std::optional<ToolField> field;                 // regex signals
  std::shared_ptr<re2::RE2> regex;
  std::vector<std::shared_ptr<re2::RE2>> unless;  // over the same field: cancels the signal
  std::vector<std::pair<std::string, bool>> annotations;  // annotation signals: every hint as given
};

struct CapabilityRule {
  Capability label = Capability::private_data;
  std::string file;
  std::string title;
  std::vector<CapabilitySignal> signals;
  std::vector<nlohmann::json> match, no_match;  // example tools in protocol form
  std::vector<int> match_lines, no_match_lines;
};

struct ToolLabel {
  Capability label;
  bool strong = false;
  std::string signal;    // the signal id that gave it
  std::string evidence;  // what matched, bounded
};

// Every label one tool earns (at most one per capability, the strongest).
std::vector<ToolLabel> label_tool(const std::vector<CapabilityRule>& rules, const Tool& tool);

}  // namespace assay::fleet
