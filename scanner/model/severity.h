// Severity and confidence: kept apart, as bandit does, and ordered so comparisons read naturally.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace assay {

enum class Severity { info = 0, low = 1, medium = 2, high = 3, critical = 4 };
enum class Confidence { low = 0, medium = 1, high = 2 };

std::string_view to_string(Severity s);
std::string_view to_string(Confidence c);
std::optional<Severity> parse_severity(std::string_view text);
std::optional<Confidence> parse_confidence(std::string_view text);

}  // namespace assay
