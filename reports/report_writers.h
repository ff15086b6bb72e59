// Renderers for a scan result. They decide nothing: every judgement is already in the ScanResult.
#pragma once
#include <string>

#include "scanner/model/scan_result.h"

namespace assay::reports {

struct SarifOptions {
  // Directory that relative artifact paths are relative to (the repository root in CI).
  // Used to read files for GitHub's primaryLocationLineHash; paths in the SARIF stay as given.
  std::string source_root = ".";
};

std::string write_sarif(const ScanResult& result, const SarifOptions& options = {});
std::string write_json(const ScanResult& result);
std::string write_text(const ScanResult& result, bool color);
std::string write_markdown(const ScanResult& result);
// One finding per line (suppressed ones too with show_suppressed), for log pipelines.
std::string write_jsonl(const ScanResult& result);

}  // namespace assay::reports
