// SARIF results: one per finding, with its primary and related locations and both fingerprints.
#include "reports/sarif_parts.h"

namespace assay::reports::sarif {
namespace {

std::string describe(const Location& loc) {
  if (!loc.logical.empty()) return loc.logical;
  if (loc.physical.start_line > 0) return loc.physical.file + ":" + std::to_string(loc.physical.start_line);
  return loc.physical.file;
}

}  // namespace

Json result(const Finding& finding, int rule_index, const std::string& fallback_file, SourceFileCache& files) {
  Json r;
  r["ruleId"] = finding.rule_id;
  r["ruleIndex"] = rule_index;
  r["level"] = level(finding.severity);
  r["message"] = {{"text", message_text(finding.message)}};

  std::vector<Location> locations = finding.locations;
  if (locations.empty()) locations.push_back({});
  for (Location& loc : locations)
    if (loc.physical.file.empty() && !fallback_file.empty()) loc.physical = {fallback_file, 0, 0, 0, 0};

  const Json primary = location(locations.front(), files);
  if (!primary.empty()) r["locations"] = Json::array({primary});
  if (locations.size() > 1) {
    Json related = Json::array();
    for (std::size_t i = 1; i < locations.size(); ++i) {
      Json loc = location(locations[i], files);
      loc["id"] = static_cast<int>(i);
      loc["message"] = {{"text", message_text("Also at " + describe(locations[i]))}};
      related.push_back(std::move(loc));
    }
    r["relatedLocations"] = std::move(related);
  }

  Json fingerprints = {{"mcpAssay/v1", finding.fingerprint.empty() ? compute_fingerprint(finding) : finding.fingerprint}};
  if (primary.contains("physicalLocation")) {
    const int line = primary["physicalLocation"]["region"]["startLine"].get<int>();
    const SourceFile* file = files.get(locations.front().physical.file);
    if (file && line >= 1 && static_cast<std::size_t>(line) <= file->line_hashes.size())
      fingerprints["primaryLocationLineHash"] = file->line_hashes[static_cast<std::size_t>(line - 1)];
  }
  r["partialFingerprints"] = std::move(fingerprints);

  r["properties"] = {
      {"severity", to_string(finding.severity)},
      {"confidence", to_string(finding.confidence)},
      {"ruleName", finding.rule_name},
      {"server", finding.server},
      {"evidence", finding.evidence},
  };
  return r;
}

}  // namespace assay::reports::sarif
