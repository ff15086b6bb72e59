// mcp-assay's own JSON report: a stable, flat schema (documented in reports/README.md) for scripts.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "reports/gate_counts.h"
#include "reports/report_writers.h"

namespace assay::reports {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kSchemaVersion = 1;

Json or_null(int value) { return value > 0 ? Json(value) : Json(nullptr); }
Json or_null(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

Json location_json(const Location& loc) {
  const PhysicalLocation& p = loc.physical;
  return {{"file", or_null(p.file)},
          {"startLine", or_null(p.start_line)},
          {"startColumn", or_null(p.start_column)},
          {"endLine", or_null(p.end_line)},
          {"endColumn", or_null(p.end_column)},
          {"logical", or_null(loc.logical)}};
}

Json finding_json(const Finding& f) {
  Json locations = Json::array();
  for (const auto& loc : f.locations) locations.push_back(location_json(loc));
  return {{"ruleId", f.rule_id},
          {"ruleName", f.rule_name},
          {"severity", to_string(f.severity)},
          {"confidence", to_string(f.confidence)},
          {"message", f.message},
          {"evidence", f.evidence},
          {"server", f.server},
          {"fingerprint", f.fingerprint.empty() ? compute_fingerprint(f) : f.fingerprint},
          {"locations", std::move(locations)}};
}

Json target_json(const ScannedTarget& t) {
  return {{"target", t.target},
          {"server", t.server},
          {"status", t.status == TargetStatus::scanned ? "scanned" : "failed"},
          {"error", or_null(t.error)},
          {"ranUnsandboxed", t.ran_unsandboxed},
          {"inventoryFile", or_null(t.inventory_file)},
          {"eventsFile", or_null(t.events_file)},
          {"tools", t.tools},
          {"prompts", t.prompts},
          {"resources", t.resources},
          {"resourceTemplates", t.resource_templates},
          {"sourceFiles", t.source_files},
          {"skipped", t.skipped}};
}

Json summary_json(const ScanResult& scan) {
  Json by_severity;
  for (Severity s : {Severity::critical, Severity::high, Severity::medium, Severity::low, Severity::info}) {
    by_severity[std::string(to_string(s))] =
        std::count_if(scan.findings.begin(), scan.findings.end(), [s](const Finding& f) { return f.severity == s; });
  }
  const auto failed = std::count_if(scan.targets.begin(), scan.targets.end(),
                                    [](const ScannedTarget& t) { return t.status == TargetStatus::failed; });
  const GateCounts gate = gate_counts(scan);
  return {{"total", scan.findings.size()},
          {"bySeverity", std::move(by_severity)},
          {"targetsFailed", failed},
          {"suppressed", scan.suppressed.size()},
          {"ignored", gate.ignored},
          {"baselined", gate.baselined}};
}

// Set only when the scan was compared to a baseline, as SARIF's baselineState.
void mark_gate_state(Json& j, const Finding& f, const ScanResult& scan) {
  if (!scan.baseline_file.empty()) j["baselineState"] = f.baselined ? "unchanged" : "new";
}

}  // namespace

std::string write_json(const ScanResult& scan) {
  Json targets = Json::array();
  for (const auto& t : scan.targets) targets.push_back(target_json(t));
  Json findings = Json::array();
  for (const auto& f : scan.findings) {
    findings.push_back(finding_json(f));
    mark_gate_state(findings.back(), f, scan);
  }
  Json report = {{"schemaVersion", kSchemaVersion},
                       {"tool", {{"name", "mcp-assay"}, {"version", scan.tool_version}}},
                       {"sandboxLevel", scan.sandbox_level},
                       {"targets", std::move(targets)},
                       {"summary", summary_json(scan)},
                       {"findings", std::move(findings)}};
  report["baseline"] = or_null(scan.baseline_file);
  report["expiredIgnores"] = scan.expired_ignores;
  if (scan.show_suppressed) {
    Json suppressed = Json::array();
    for (const auto& f : scan.suppressed) {
      Json j = finding_json(f);
      j["suppressionReason"] = f.suppression_reason;
      j["suppressedBy"] = or_null(f.suppressed_by);
      mark_gate_state(j, f, scan);
      suppressed.push_back(std::move(j));
    }
    report["suppressed"] = std::move(suppressed);
  }
  // Attacker-written strings may not be valid UTF-8; replacing beats throwing halfway through.
  return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace assay::reports
