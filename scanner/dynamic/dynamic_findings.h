// Confirmations as findings: the rule from rules/dynamic, the tool, the arguments sent, the
// events seen and the confirming oracle; located at the tool's source declaration when the
// static front end found it, else at the tool in the inventory file.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "scanner/dynamic/confirmation.h"
#include "scanner/dynamic/dynamic_rule.h"
#include "scanner/dynamic/trace.h"
#include "scanner/model/finding.h"

namespace assay::dynamic {

struct FindingPlaces {
  std::string server;
  // The tool's place: its declaration in source, else its entry in the inventory file; a
  // default PhysicalLocation when neither is known.
  std::function<PhysicalLocation(const std::string& tool)> tool_location;
  PhysicalLocation inventory;  // the inventory file (for findings about the whole listing)
};

// One finding per rule, tool, field and group (several payloads proving the same thing are one
// finding, counted in the message).
std::vector<Finding> make_findings(const DynamicTrace& trace, const std::vector<Confirmation>& confirmations,
                                   const std::vector<DynamicRule>& rules, const FindingPlaces& places);

// The arguments of a call as evidence: compact JSON, escaped, at most `max_bytes`.
std::string arguments_evidence(const nlohmann::json& arguments, std::size_t max_bytes = 600);

}  // namespace assay::dynamic
