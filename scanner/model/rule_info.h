// What reporters need to know about a rule: its documentation, transcribed into SARIF as is.
#pragma once
#include <string>
#include <vector>

#include "scanner/model/severity.h"

namespace assay {

struct RuleInfo {
  std::string id;                 // MCP001
  std::string name;               // hidden-instruction-markers
  std::string short_description;  // one line
  std::string full_description;   // a paragraph: what it detects
  std::string help_markdown;      // what it is, why it matters, how to fix
  Severity severity = Severity::medium;
  Confidence confidence = Confidence::medium;
  std::vector<std::string> cwe;   // "CWE-1427"
  std::vector<std::string> tags;  // "prompt-injection", ...
};

}  // namespace assay
