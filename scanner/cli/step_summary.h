// GitHub Actions' job summary: the markdown report appended to $GITHUB_STEP_SUMMARY.
#pragma once
#include <cstddef>
#include <string>

#include "scanner/model/scan_result.h"

namespace assay::cli {

// GitHub refuses a step's summary over 1 MiB; several scans in one step share that budget.
inline constexpr std::size_t kStepSummaryBytes = 256u << 10;

// `markdown` cut at the last whole line under `max_bytes`, with a note where it was cut.
std::string bounded_step_summary(const std::string& markdown, std::size_t max_bytes = kStepSummaryBytes);

// Appends the markdown summary to the file $GITHUB_STEP_SUMMARY names, when it is set. A file
// that cannot be written is a warning: the scan's own reports and exit code stand.
void append_step_summary(const ScanResult& result);

}  // namespace assay::cli
