// Inline suppressions: `mcp-assay: ignore[MCP101] reason` in a comment on the finding's line
// or on the line above. A suppression must say why; one without a reason silences nothing,
// so a bare ignore cannot hide a finding (the finding's message says the ignore was refused).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace assay::code {

struct Suppression {
  int line = 0;          // where the comment is
  std::string reason;    // the text after the bracket
};

enum class SuppressionState { none, suppressed, missing_reason };

struct SuppressionCheck {
  SuppressionState state = SuppressionState::none;
  Suppression suppression;
};

// Looks at `line` (1-based) and the line before it in `text` for an ignore naming `rule_id`
// (ids are comma- or space-separated inside the brackets).
SuppressionCheck check_suppression(std::string_view text, int line, std::string_view rule_id);

}  // namespace assay::code
