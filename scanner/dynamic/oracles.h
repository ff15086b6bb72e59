// The oracles: what in a recorded trace proves a payload hit, or shows behaviour no call
// explains. Pure functions of the trace (and the metadata rules for results).
#pragma once
#include <vector>

#include "scanner/dynamic/confirmation.h"
#include "scanner/dynamic/trace.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::dynamic {

// canary-file, canary-exec, honeytoken-read, file-outside-roots, sinkhole-connection,
// canary-in-output, crash-or-hang, and exfiltration of any canary through the network.
std::vector<Confirmation> judge_calls(const DynamicTrace& trace);

// metadata-rules-on-output: the metadata rules over every result, hits on text the fuzzer sent
// (in any call's arguments) discarded as echoes.
std::vector<Confirmation> judge_results(const DynamicTrace& trace, const rules::MetadataEngine& metadata);

// Network, exec and honeytoken reads after start-up that no call explains; processes left running.
std::vector<Confirmation> judge_unexplained(const DynamicTrace& trace);

}  // namespace assay::dynamic

namespace assay::dynamic {
// The runtime rug pull: each relisting diffed against the first listing.
std::vector<Confirmation> judge_relistings(const DynamicTrace& trace);
}  // namespace assay::dynamic
