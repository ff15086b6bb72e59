// JSON lines for log pipelines and SIEMs: one finding per line, the same keys on every line.
#include <nlohmann/json.hpp>

#include "reports/report_writers.h"

namespace assay::reports {
namespace {

using Json = nlohmann::ordered_json;

Json or_null(int value) { return value > 0 ? Json(value) : Json(nullptr); }
Json or_null(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json finding_line(const Finding& f, const ScanResult& scan, bool suppressed) {
  const Location none;
  const Location& loc = f.locations.empty() ? none : f.locations.front();
  Json baseline_state = scan.baseline_file.empty() ? Json(nullptr) : Json(f.baselined ? "unchanged" : "new");
  return {{"fingerprint", f.fingerprint.empty() ? compute_fingerprint(f) : f.fingerprint},
          {"ruleId", f.rule_id},
          {"ruleName", f.rule_name},
          {"severity", to_string(f.severity)},
          {"confidence", to_string(f.confidence)},
          {"server", f.server},
          {"file", or_null(loc.physical.file)},
          {"line", or_null(loc.physical.start_line)},
          {"column", or_null(loc.physical.start_column)},
          {"logical", or_null(loc.logical)},
          {"message", f.message},
          {"evidence", f.evidence},
          {"baselineState", std::move(baseline_state)},
          {"suppressed", suppressed},
          {"suppressionReason", suppressed ? Json(f.suppression_reason) : Json(nullptr)},
          {"suppressedBy", suppressed ? or_null(f.suppressed_by) : Json(nullptr)}};
}

// One line, whatever the message holds: dump() escapes newlines and control characters.
std::string line_of(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n"; }

}  // namespace

std::string write_jsonl(const ScanResult& scan) {
  std::string out;
  for (const auto& f : scan.findings) out += line_of(finding_line(f, scan, false));
  if (scan.show_suppressed)
    for (const auto& f : scan.suppressed) out += line_of(finding_line(f, scan, true));
  return out;
}

}  // namespace assay::reports
