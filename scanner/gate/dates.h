// Calendar dates for ignore expiry: YYYY-MM-DD, and which day "today" is.
#pragma once
#include <optional>
#include <string>

namespace assay::gate {

// True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one).
bool is_iso_date(const std::string& text);

// Today in UTC as YYYY-MM-DD, or $MCP_ASSAY_TODAY when set (tests, and reproducing a CI run
// of another day). Throws AssayError(usage) when $MCP_ASSAY_TODAY is not a date.
std::string today();

}  // namespace assay::gate
