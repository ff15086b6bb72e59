// Runs every rule's own examples: what must match must match, what must not must not.
#pragma once
#include <string>
#include <vector>

#include "scanner/rules/metadata_engine.h"

namespace assay::rules {

struct ExampleResult {
  const MetadataRule* rule = nullptr;
  const RuleExample* example = nullptr;
  bool expected_match = false;
  bool passed = false;
  std::string detail;  // what hit (or that nothing did)
};

std::vector<ExampleResult> run_rule_examples(const MetadataEngine& engine);

}  // namespace assay::rules
