// DNS queries in and answers out (RFC 1035), for the sinkhole's resolver: parse the question of
// an untrusted datagram, build the reply that sends the asker to the sinkhole.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace assay::sandbox {

struct DnsQuery {
  std::uint16_t id = 0;
  std::uint16_t flags = 0;
  std::string name;           // presentation form: labels joined by '.', odd bytes as \DDD
  std::string raw_name;       // the label bytes joined by '.', unescaped (for canary search)
  std::string wire_name;      // uncompressed wire form, re-used in the reply
  std::uint16_t qtype = 0;
  std::uint16_t qclass = 0;
};

// nullopt for anything that is not a well-formed standard query with at least one question:
// responses, truncated headers, labels over 63 bytes, names over 255, reserved label types,
// compression pointers that do not point backwards or are followed more than 16 times
// (pointer loops).
std::optional<DnsQuery> parse_dns_query(std::string_view packet);

struct DnsAnswerPolicy {
  std::uint32_t ipv4 = 0xC6120001;  // 198.18.0.1 (benchmarking range, never a real host)
  bool answer_aaaa = false;         // else AAAA is answered with no data (clients fall back to A)
  std::uint32_t ttl = 60;
};
// A (and, by policy, AAAA 64:ff9b::<ipv4>) for class IN; NOERROR with no data for other types;
// NOTIMP for non-QUERY opcodes. Always a single question echoed back uncompressed.
std::string build_dns_reply(const DnsQuery& query, const DnsAnswerPolicy& policy);

// "A", "AAAA", "TXT", ... or "TYPE<n>".
std::string dns_type_name(std::uint16_t qtype);

}  // namespace assay::sandbox
