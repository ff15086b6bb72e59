// What changed between two declarations of one item, in words a reviewer reads: a parameter
// added, a default changed, a type loosened, a hint flipped, a description edited.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/lock/surface.h"
#include "scanner/rules/field_kind.h"

namespace assay::lock {

enum class ChangeClass {
  text,          // a description, title or the instructions were edited (classified by content later)
  widened,       // the input accepts more: parameter added, constraint dropped, default changed
  narrowed,      // the input accepts less, or the output schema changed
  riskier_hint,  // an annotation now claims more risk: destructiveHint false -> true, ...
  safer_hint,    // an annotation now claims less risk
  cosmetic,      // no effect on meaning: key order of an argument list, an explicit default value
};

struct TextChange {
  rules::FieldKind field = rules::FieldKind::tool_description;
  std::string before, after;
  // The text of a parameter or argument added in the same change: the addition is reported on
  // its own, so its text counts only when it instructs the model.
  bool of_new_entry = false;
};

struct Change {
  ChangeClass cls = ChangeClass::cosmetic;
  std::string what;  // "parameter 'units' added", "default of 'days' changed from 3 to 30"
  std::optional<TextChange> text;
};

// Both declarations are normalized items of the same kind and key. Attacker-written parts of
// `what` are escaped and bounded.
std::vector<Change> diff_items(ItemKind kind, const nlohmann::json& before, const nlohmann::json& after);

}  // namespace assay::lock
