// The SARIF 2.1.0 writer: one run whose driver lists every enabled rule, fired or not, so GitHub
// can show rule help and close alerts for rules that stopped firing.
#include <filesystem>
#include <map>
#include <system_error>

#include "reports/gate_counts.h"
#include "reports/report_writers.h"
#include "reports/sarif_parts.h"
#include "reports/visible_text.h"

namespace assay::reports {
namespace sarif {
namespace {

constexpr const char* kSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kInformationUri = "https://github.com/mcp-assay/mcp-assay";

std::string_view status_name(TargetStatus s) { return s == TargetStatus::scanned ? "scanned" : "failed"; }

Json target_properties(const ScannedTarget& t) {
  return {{"target", t.target},
          {"server", t.server},
          {"status", status_name(t.status)},
          {"error", t.error},
          {"ranUnsandboxed", t.ran_unsandboxed},
          {"inventoryFile", t.inventory_file},
          {"eventsFile", t.events_file},
          {"tools", t.tools},
          {"prompts", t.prompts},
          {"resources", t.resources},
          {"resourceTemplates", t.resource_templates},
          {"sourceFiles", t.source_files},
          {"skipped", t.skipped}};
}

// GitHub resolves absolute file: URIs only under a known checkout path (GH1006), which SARIF
// carries as the invocation's working directory.
std::string working_directory_uri(const ScanResult& scan, const std::string& source_root) {
  bool any_absolute = false;
  for (const auto& f : scan.findings)
    for (const auto& loc : f.locations) any_absolute |= is_absolute_path(loc.physical.file);
  for (const auto& t : scan.targets) any_absolute |= is_absolute_path(t.inventory_file);
  if (!any_absolute) return {};
  std::error_code ec;
  std::string root = std::filesystem::absolute(source_root, ec).lexically_normal().string();
  if (ec || root.empty()) return {};
  if (root.back() != '/') root.push_back('/');
  return artifact_uri(root);
}

}  // namespace

Json invocation(const ScanResult& scan, const std::string& working_directory) {
  Json notifications = Json::array();
  bool successful = true;
  for (const auto& t : scan.targets) {
    if (t.status == TargetStatus::failed) {
      successful = false;
      notifications.push_back({{"level", "error"},
                               {"message", {{"text", message_text(t.target + ": " + t.error)}}},
                               {"properties", {{"target", t.target}, {"server", t.server}}}});
    }
    if (t.ran_unsandboxed) {
      notifications.push_back(
          {{"level", "warning"},
           {"message", {{"text", message_text("Server " + t.server + " ran unsandboxed: its code ran on the host")}}},
           {"properties", {{"target", t.target}, {"server", t.server}}}});
    }
  }
  // An expired ignore is the project's decision running out: say so where CI readers look.
  for (const auto& line : scan.expired_ignores)
    notifications.push_back({{"level", "warning"}, {"message", {{"text", message_text(line)}}}});
  Json inv = {{"executionSuccessful", successful}};
  if (!notifications.empty()) inv["toolExecutionNotifications"] = std::move(notifications);
  if (!working_directory.empty()) inv["workingDirectory"] = {{"uri", working_directory}};
  return inv;
}

}  // namespace sarif

std::string write_sarif(const ScanResult& scan, const SarifOptions& options) {
  using sarif::Json;
  Json rules = Json::array();
  std::map<std::string, int> rule_index;
  for (const auto& rule : scan.rules) {
    if (rule_index.count(rule.id)) continue;  // SARIF1019: rule ids must be unique
    rule_index[rule.id] = static_cast<int>(rules.size());
    rules.push_back(sarif::rule_descriptor(rule));
  }
  // A finding of a rule missing from the list still needs a descriptor for its ruleIndex.
  for (const auto& f : scan.findings) {
    if (rule_index.count(f.rule_id)) continue;
    RuleInfo stand_in;
    stand_in.id = f.rule_id;
    stand_in.name = f.rule_name;
    stand_in.severity = f.severity;
    stand_in.confidence = f.confidence;
    rule_index[f.rule_id] = static_cast<int>(rules.size());
    rules.push_back(sarif::rule_descriptor(stand_in));
  }

  std::map<std::string, std::string> inventory_of_server;
  for (const auto& t : scan.targets)
    if (!t.inventory_file.empty()) inventory_of_server.emplace(t.server, t.inventory_file);

  SourceFileCache files(options.source_root);
  Json results = Json::array();
  for (const auto& f : scan.findings) {
    const auto inv = inventory_of_server.find(f.server);
    results.push_back(sarif::result(f, rule_index.at(f.rule_id),
                                    inv == inventory_of_server.end() ? std::string() : inv->second, files));
    if (!scan.baseline_file.empty()) results.back()["baselineState"] = f.baselined ? "unchanged" : "new";
  }

  // Suppressed findings only on request: GitHub lists SARIF-suppressed results as open alerts.
  if (scan.show_suppressed) {
    for (const auto& f : scan.suppressed) {
      if (!rule_index.count(f.rule_id)) continue;
      Json r = sarif::result(f, rule_index.at(f.rule_id), std::string(), files);
      Json suppression = {{"kind", f.suppressed_by.empty() ? "inSource" : "external"},
                          {"justification", f.suppression_reason}};
      if (!f.suppressed_by.empty()) suppression["properties"] = {{"ignoreEntry", f.suppressed_by}};
      r["suppressions"] = Json::array({std::move(suppression)});
      if (!scan.baseline_file.empty()) r["baselineState"] = f.baselined ? "unchanged" : "new";
      results.push_back(std::move(r));
    }
  }

  Json targets = Json::array();
  for (const auto& t : scan.targets) targets.push_back(sarif::target_properties(t));

  // semanticVersion must parse as SemVer even if the caller forgot to set a version.
  const std::string version = scan.tool_version.empty() ? "0.0.0-unknown" : scan.tool_version;
  Json driver = {{"name", "mcp-assay"},
                 {"version", version},
                 {"semanticVersion", version},
                 {"informationUri", sarif::kInformationUri},
                 {"rules", std::move(rules)}};
  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["invocations"] = Json::array({sarif::invocation(scan, sarif::working_directory_uri(scan, options.source_root))});
  run["originalUriBaseIds"] = {
      {"%SRCROOT%", {{"description", {{"text", "The directory the scan was run from: the repository root in CI."}}}}}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  run["properties"] = {{"sandboxLevel", scan.sandbox_level},
                       {"targets", std::move(targets)},
                       {"suppressedInline", gate_counts(scan).suppressed_inline},
                       {"ignored", gate_counts(scan).ignored},
                       {"baselined", gate_counts(scan).baselined}};
  if (!scan.baseline_file.empty()) run["properties"]["baseline"] = scan.baseline_file;

  Json log = {{"$schema", sarif::kSchema}, {"version", "2.1.0"}, {"runs", Json::array({std::move(run)})}};
  // Attacker-written strings may not be valid UTF-8; replacing beats throwing halfway through.
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace assay::reports
