// One thing the dynamic scan proved or observed, before it becomes a Finding.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "scanner/dynamic/signal.h"

namespace assay::dynamic {

struct Confirmation {
  Signal signal = Signal::crash;
  int call = -1;                    // index into DynamicTrace::calls; -1 when no call explains it
  std::string oracle;               // what confirmed it: "canary-file", "sinkhole-connection", ...
  std::string detail;               // one phrase: "the canary file .../assay-canary-mca... appeared"
  std::vector<std::string> events;  // the events seen, as evidence lines (bounded)
  int incarnation = -1;             // with event_index: the first event, for a location
  std::size_t event_index = 0;
  std::string group;                // findings are grouped by (signal, tool, field, group)
};

}  // namespace assay::dynamic
