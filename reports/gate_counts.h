// What the CI gate set aside, counted the same way for every report's summary.
#pragma once
#include <cstddef>

#include "scanner/model/scan_result.h"

namespace assay::reports {

struct GateCounts {
  std::size_t suppressed_inline = 0;  // by `mcp-assay: ignore[...]` comments in source
  std::size_t ignored = 0;            // by entries of the project config (.mcp-assay.yaml)
  std::size_t baselined = 0;          // findings already in the --baseline report
};

inline GateCounts gate_counts(const ScanResult& scan) {
  GateCounts c;
  for (const auto& f : scan.suppressed) (f.suppressed_by.empty() ? c.suppressed_inline : c.ignored) += 1;
  for (const auto& f : scan.findings) c.baselined += f.baselined;
  return c;
}

}  // namespace assay::reports
