// Writes the job summary GitHub shows on a workflow run's page.
#include "scanner/cli/step_summary.h"

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "reports/report_writers.h"

namespace assay::cli {

std::string bounded_step_summary(const std::string& markdown, std::size_t max_bytes) {
  if (markdown.size() <= max_bytes) return markdown;
  static const std::string kNote = "\n_The summary was cut here; the SARIF and JSON reports have everything._\n";
  const std::size_t room = max_bytes > kNote.size() ? max_bytes - kNote.size() : 0;
  const std::size_t cut = markdown.rfind('\n', room);
  return markdown.substr(0, cut == std::string::npos ? 0 : cut + 1) + kNote;
}

void append_step_summary(const ScanResult& result) {
  const char* path = std::getenv("GITHUB_STEP_SUMMARY");
  if (!path || !*path) return;
  std::ofstream out(path, std::ios::binary | std::ios::app);
  out << bounded_step_summary(reports::write_markdown(result)) << "\n";
  if (!out.flush()) std::cerr << "mcp-assay: warning: cannot append the summary to $GITHUB_STEP_SUMMARY (" << path << ")\n";
}

}  // namespace assay::cli
