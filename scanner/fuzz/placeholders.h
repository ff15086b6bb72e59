// Placeholders in payload text: `{name}` with name in [a-z_]+. Every such name must be known
// (a typo is a load error, never a literal sent to a server); other braces are literal text,
// so `{{7*7}}` and `${7*7}` need no escaping.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "scanner/fuzz/canary.h"

namespace assay::fuzz {

// canary_token canary_file canary_cmd canary_host canary_port canary_half_a canary_half_b
// canary_num_a canary_num_b canary_product home work root baseline
const std::vector<std::string>& known_placeholders();
bool is_known_placeholder(std::string_view name);

// Placeholder names used in `text`, in order of appearance (duplicates kept).
std::vector<std::string> placeholders_in(std::string_view text);

// What placeholders stand for in one call.
struct PlaceholderValues {
  CallCanary canary;
  PlanPaths paths;
  std::string baseline;  // the field's baseline value as text
};

// `text` with every known placeholder replaced; unknown ones stay as they are.
std::string fill_placeholders(std::string_view text, const PlaceholderValues& values);

}  // namespace assay::fuzz
