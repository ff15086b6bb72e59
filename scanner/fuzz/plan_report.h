// A fuzzing plan as JSON (everything the executor needs, and `fuzz-plan --json`) and as text
// for people (payload values cut short).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "scanner/fuzz/fuzz_plan.h"

namespace assay::fuzz {

nlohmann::json to_json(const FuzzCall& call);
nlohmann::json to_json(const ToolPlan& plan);
nlohmann::json to_json(const FuzzPlan& plan);

std::string plan_to_text(const FuzzPlan& plan);

}  // namespace assay::fuzz
