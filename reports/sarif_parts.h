// The pieces the SARIF writer assembles, one file each: rule descriptors, locations, results, the run.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "reports/source_file.h"
#include "scanner/model/scan_result.h"

namespace assay::reports::sarif {

using Json = nlohmann::ordered_json;

// critical/high -> error, medium -> warning, low/info -> note.
std::string_view level(Severity s);
// GitHub's rule-level `security-severity` (a number as a string): critical 9.5, high 8.0,
// medium 5.5, low 3.0, info 1.0 -- each in the middle of GitHub's band of that name.
std::string_view security_severity(Severity s);
// hidden-instruction-markers -> HiddenInstructionMarkers, the form SARIF2012 asks rule names to take.
std::string pascal_case(std::string_view kebab);
// CWE-1427 -> external/cwe/cwe-1427, the tag GitHub turns into a CWE link; empty if not a CWE id.
std::string github_cwe_tag(std::string_view cwe);

Json rule_descriptor(const RuleInfo& rule);

// Plain-text message: hidden characters spelled out, brackets escaped (an unescaped [text](url)
// would be an embedded link), ending with a period as SARIF2001 asks.
std::string message_text(std::string_view text);

// A relative path stays relative (to %SRCROOT%); an absolute one becomes a file: URI.
std::string artifact_uri(std::string_view path);
bool is_absolute_path(std::string_view path);

// A SARIF location for one of ours; physicalLocation is omitted when no file is known.
Json location(const Location& loc, SourceFileCache& files);

// `rule_index` indexes driver.rules. `fallback_file` is used when the finding has no file (the
// inventory its server was read from), so GitHub still has somewhere to show it.
Json result(const Finding& finding, int rule_index, const std::string& fallback_file, SourceFileCache& files);

Json invocation(const ScanResult& scan, const std::string& working_directory_uri);

}  // namespace assay::reports::sarif
