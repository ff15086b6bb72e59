// The payload classes' self-test behind `mcp-assay rules test`: each class's example fields get
// it first (or not), and every payload fills to a value with no placeholder left.
#pragma once
#include <string>
#include <vector>

#include "scanner/fuzz/payload_class.h"

namespace assay::fuzz {

struct PayloadExampleResult {
  const PayloadClass* cls = nullptr;
  int line = 0;
  std::string what;    // "first for 'cmd'", "payload semicolon fills"
  bool passed = false;
  std::string detail;
};

std::vector<PayloadExampleResult> run_payload_examples(const std::vector<PayloadClass>& classes);

}  // namespace assay::fuzz
