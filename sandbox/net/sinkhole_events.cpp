// Builds sinkhole_connection, sinkhole_data, dns_query and canary_seen events.
#include "sandbox/net/sinkhole_events.h"

namespace assay::sandbox {

namespace {

Event at(EventKind kind, const Endpoint& endpoint, const char* protocol) {
  Event e;
  e.kind = kind;
  e.address = endpoint.address;
  e.port = endpoint.port;
  e.protocol = protocol;
  return e;
}

void record_canaries(EventLog& log, const std::vector<const Canary*>& found, Event base, const char* where) {
  for (const Canary* canary : found) {
    Event e = base;
    e.kind = EventKind::canary_seen;
    e.canary = canary->label;
    e.detail = where;
    log.add(std::move(e));
  }
}

}  // namespace

void record_connection(EventLog& log, const Endpoint& destination) {
  log.add(at(EventKind::sinkhole_connection, destination, "tcp"));
}

void record_stream_end(EventLog& log, const Endpoint& destination, const SinkholeStream& stream,
                       const SinkholeOptions& options) {
  if (stream.captured().empty()) return;
  Event e = at(EventKind::sinkhole_data, destination, "tcp");
  e.data = stream.captured().substr(0, options.max_event_data_bytes);
  e.detail = stream.summary();
  if (stream.truncated()) e.detail += e.detail.empty() ? "(truncated)" : " (truncated)";
  log.add(e);
  if (options.canaries)
    record_canaries(log, options.canaries->find_in(stream.captured()), at(EventKind::canary_seen, destination, "tcp"),
                    "sinkhole");
}

void record_dns_query(EventLog& log, const Endpoint& resolver, const DnsQuery& query, const SinkholeOptions& options) {
  Event e = at(EventKind::dns_query, resolver, "udp");
  e.name = query.name;
  e.detail = dns_type_name(query.qtype);
  log.add(e);
  if (options.canaries) {
    Event base = at(EventKind::canary_seen, resolver, "udp");
    base.name = query.name;
    record_canaries(log, options.canaries->find_in_dns_name(query.raw_name), base, "dns");
  }
}

}  // namespace assay::sandbox
