// Names of severities and confidences, the one place they are spelled.
#include "scanner/model/severity.h"

namespace assay {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::low: return "low";
    case Severity::medium: return "medium";
    case Severity::high: return "high";
    case Severity::critical: return "critical";
  }
  return "info";
}

std::string_view to_string(Confidence c) {
  switch (c) {
    case Confidence::low: return "low";
    case Confidence::medium: return "medium";
    case Confidence::high: return "high";
  }
  return "low";
}

std::optional<Severity> parse_severity(std::string_view t) {
  if (t == "info") return Severity::info;
  if (t == "low") return Severity::low;
  if (t == "medium") return Severity::medium;
  if (t == "high") return Severity::high;
  if (t == "critical") return Severity::critical;
  return std::nullopt;
}

std::optional<Confidence> parse_confidence(std::string_view t) {
  if (t == "low") return Confidence::low;
  if (t == "medium") return Confidence::medium;
  if (t == "high") return Confidence::high;
  return std::nullopt;
}

}  // namespace assay
