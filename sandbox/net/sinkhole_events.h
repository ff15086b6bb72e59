// The events the sinkhole records, built in one place so TCP and DNS report alike.
#pragma once
#include "sandbox/net/dns_message.h"
#include "sandbox/net/endpoint.h"
#include "sandbox/net/sinkhole.h"
#include "sandbox/net/sinkhole_stream.h"

namespace assay::sandbox {

void record_connection(EventLog& log, const Endpoint& destination);
// sinkhole_data (when any bytes came) and a canary_seen per canary in them.
void record_stream_end(EventLog& log, const Endpoint& destination, const SinkholeStream& stream,
                       const SinkholeOptions& options);
// dns_query and a canary_seen per canary in the name.
void record_dns_query(EventLog& log, const Endpoint& resolver, const DnsQuery& query,
                      const SinkholeOptions& options);

}  // namespace assay::sandbox
