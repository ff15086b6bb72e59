// Detections that need code rather than a regex (Unicode tricks); rules name them with `check:`.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/rules/metadata_rule.h"
#include "scanner/text/invisible.h"

namespace assay::rules {

using InvisibleRunsFn = std::function<const std::vector<text::InvisibleRun>&()>;

// What the check saw in `text`, one entry per occurrence (empty = no hit), worded as evidence:
// "hidden text in Unicode tag characters: \"ignore previous instructions\"".
std::vector<std::string> run_builtin_check(BuiltinCheck check, std::string_view text,
                                           const InvisibleRunsFn& invisible_runs);

}  // namespace assay::rules
