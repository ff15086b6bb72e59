// The markdown report for PR comments and GitHub step summaries. Everything a scanned server wrote
// goes into escaped text or a code span: a description must not be able to inject links or HTML,
// break out of the table, or hide itself with invisible characters in the review.
#include <sstream>

#include "reports/finding_entity.h"
#include "reports/gate_counts.h"
#include "reports/report_writers.h"
#include "reports/visible_text.h"

namespace assay::reports {
namespace {

// GitHub caps a comment at 65,536 characters; the rest of the findings are in the SARIF/JSON.
constexpr std::size_t kMaxRows = 100;
constexpr std::size_t kEvidenceChars = 120;
constexpr std::size_t kNameChars = 120;

constexpr Severity kSeverities[] = {Severity::critical, Severity::high, Severity::medium, Severity::low,
                                    Severity::info};

std::string severity_label(Severity s) {
  std::string label(to_string(s));
  label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return s >= Severity::high ? "**" + label + "**" : label;
}

std::string place(const Finding& f) {
  if (f.locations.empty()) return "";
  const Location& loc = f.locations.front();
  std::string where = loc.physical.file;
  if (!where.empty() && loc.physical.start_line > 0) {
    where += ":" + std::to_string(loc.physical.start_line);
    if (loc.physical.start_column > 0) where += ":" + std::to_string(loc.physical.start_column);
  }
  std::string out = where.empty() ? "" : markdown_code_span(where, kNameChars);
  if (!loc.logical.empty()) out += (out.empty() ? "" : "<br>") + markdown_code_span(loc.logical, kNameChars);
  return out;
}

void write_findings_table(std::ostringstream& out, const ScanResult& scan) {
  out << "### Findings\n\n"
      << "| Severity | Rule | Server | Location | Message | Evidence |\n"
      << "|---|---|---|---|---|---|\n";
  std::size_t rows = 0;
  for (const auto& f : scan.findings) {
    if (rows++ == kMaxRows) break;
    out << "| " << severity_label(f.severity) << (f.baselined ? " (baselined)" : "") << " | "
        << markdown_code_span(f.rule_id) << " " << markdown_text(f.rule_name) << " | "
        << markdown_text(f.server, kNameChars) << " | " << place(f) << " | " << markdown_text(f.message) << " | "
        << (f.evidence.empty() ? "" : markdown_code_span(f.evidence, kEvidenceChars)) << " |\n";
  }
  if (scan.findings.size() > kMaxRows)
    out << "\n_" << scan.findings.size() - kMaxRows
        << " more findings are not shown here; the SARIF and JSON reports list them all._\n";
  out << "\n";
}

void write_targets(std::ostringstream& out, const ScanResult& scan) {
  bool heading = false;
  for (const auto& t : scan.targets) {
    if (t.status != TargetStatus::failed) continue;
    if (!heading) out << "### Failed targets\n\n";
    heading = true;
    out << "- " << markdown_code_span(t.target, kNameChars) << ": " << markdown_text(t.error) << "\n";
  }
  if (heading) out << "\n";
  heading = false;
  for (const auto& t : scan.targets) {
    if (!t.ran_unsandboxed) continue;
    if (!heading) out << "### Unsandboxed servers\n\n";
    heading = true;
    out << "- Server " << markdown_code_span(t.server, kNameChars) << " ran unsandboxed: its code ran on the host.\n";
  }
  if (heading) out << "\n";
}

}  // namespace

std::string write_markdown(const ScanResult& scan) {
  std::ostringstream out;
  std::size_t failed = 0;
  for (const auto& t : scan.targets) failed += t.status == TargetStatus::failed;

  out << "## mcp-assay report\n\n"
      << "**Sandbox:** " << markdown_text(scan.sandbox_level.empty() ? "unknown" : scan.sandbox_level) << "<br>\n"
      << "**Targets:** " << scan.targets.size() << " (" << failed << " failed) · **Findings:** "
      << scan.findings.size();
  const GateCounts gate = gate_counts(scan);
  if (gate.baselined) out << " · **Baselined:** " << gate.baselined;
  if (gate.suppressed_inline) out << " · **Suppressed inline:** " << gate.suppressed_inline;
  if (gate.ignored) out << " · **Ignored by config:** " << gate.ignored;
  out << "\n\n";
  if (!scan.expired_ignores.empty()) {
    out << "### Expired ignores\n\n";
    for (const auto& line : scan.expired_ignores) out << "- " << markdown_text(line) << "\n";
    out << "\n";
  }

  const auto counts = count_by_severity(scan);
  out << "| Severity | Findings |\n|---|---:|\n";
  for (Severity s : kSeverities) out << "| " << severity_label(s) << " | " << counts[static_cast<std::size_t>(s)] << " |\n";
  out << "\n";

  if (scan.findings.empty())
    out << "No findings.\n\n";
  else
    write_findings_table(out, scan);
  write_targets(out, scan);
  out << "<sub>mcp-assay " << markdown_text(scan.tool_version) << "</sub>\n";
  return out.str();
}

}  // namespace assay::reports
