// Answers the DNS datagrams waiting on a sinkhole UDP socket.
#pragma once
#include "sandbox/net/sinkhole.h"

namespace assay::sandbox {

// Reads up to `max_datagrams` queries without blocking; each well-formed one is recorded and
// answered from the address it was sent to. Malformed datagrams are dropped unanswered, like a
// real server would, and recorded as a dns_query with detail "malformed".
void serve_dns_datagrams(int fd, EventLog& log, const SinkholeOptions& options, int max_datagrams = 32);

}  // namespace assay::sandbox
