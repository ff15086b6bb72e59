// The rules one scan applies: the bundled set, plus each user rule directory (--rules, `rules:`
// in .mcp-assay.yaml), minus the disabled rules.
#pragma once
#include <string>
#include <vector>

#include "scanner/gate/project_config.h"
#include "scanner/scan/rule_set.h"

namespace assay::gate {

// A user's rule directory alone, laid out like the bundled one (metadata/, runtime/,
// code/<language>/, config/: whichever exist), or a flat folder of metadata rule YAML files.
// Throws AssayError(input) when it holds no rules or a rule file is bad.
scan::RuleSet load_user_rule_dir(const std::string& dir);

// The bundled rules (`bundled_dir`, as load_rule_set reads it) and then each user directory.
// A rule id defined twice is an error naming both files.
scan::RuleSet load_rules(const std::string& bundled_dir, const std::vector<std::string>& user_dirs);

// Removes the disabled rules; an id that names no rule is an error at the entry's FILE:LINE.
void disable_rules(scan::RuleSet& rules, const std::vector<DisabledRule>& disabled);

}  // namespace assay::gate
