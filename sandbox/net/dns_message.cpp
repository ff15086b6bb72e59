// Bounded DNS question parsing (with compression-pointer loop protection) and reply building.
#include "sandbox/net/dns_message.h"

#include "sandbox/net/byte_reader.h"

namespace assay::sandbox {

namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr int kMaxPointerJumps = 16;
constexpr std::size_t kMaxNameWire = 255;

bool is_plain(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

void append_presentation(std::string& out, std::string_view label) {
  for (unsigned char c : label) {
    if (is_plain(c)) {
      out += static_cast<char>(c);
    } else {
      out += '\\';
      out += static_cast<char>('0' + c / 100);
      out += static_cast<char>('0' + c / 10 % 10);
      out += static_cast<char>('0' + c % 10);
    }
  }
}

// Reads the name at `offset`; returns the offset just past it in the original position (after
// the first pointer, if any), or 0 on failure.
std::size_t read_name(std::string_view packet, std::size_t offset, DnsQuery& query) {
  std::size_t end_in_place = 0;
  int jumps = 0;
  std::size_t position = offset;
  for (;;) {
    if (position >= packet.size()) return 0;
    const unsigned char length = static_cast<unsigned char>(packet[position]);
    if ((length & 0xC0) == 0xC0) {
      if (position + 1 >= packet.size() || ++jumps > kMaxPointerJumps) return 0;
      const std::size_t target = ((length & 0x3F) << 8) | static_cast<unsigned char>(packet[position + 1]);
      // Real compressors only point backwards. That alone does not stop a loop (a pointer back to
      // a label that runs into the same pointer again): the jump cap and the name cap end those.
      if (target >= position || target < kHeaderSize) return 0;
      if (end_in_place == 0) end_in_place = position + 2;
      position = target;
      continue;
    }
    if ((length & 0xC0) != 0) return 0;  // 0x40 and 0x80 label types are reserved/obsolete
    if (length == 0) {
      query.wire_name += '\0';
      return end_in_place ? end_in_place : position + 1;
    }
    if (position + 1 + length > packet.size()) return 0;
    if (query.wire_name.size() + 1 + length + 1 > kMaxNameWire) return 0;
    std::string_view label = packet.substr(position + 1, length);
    query.wire_name += static_cast<char>(length);
    query.wire_name.append(label);
    if (!query.raw_name.empty()) {
      query.raw_name += '.';
      query.name += '.';
    }
    query.raw_name.append(label);
    append_presentation(query.name, label);
    position += 1 + length;
  }
}

void put16(std::string& out, std::uint32_t v) {
  out += static_cast<char>((v >> 8) & 0xff);
  out += static_cast<char>(v & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xffff);
}

}  // namespace

std::optional<DnsQuery> parse_dns_query(std::string_view packet) {
  ByteReader header(packet);
  std::uint32_t id = 0, flags = 0, questions = 0;
  if (!header.u16(id) || !header.u16(flags) || !header.u16(questions) || !header.skip(6)) return std::nullopt;
  if ((flags & 0x8000) != 0 || questions == 0) return std::nullopt;  // a response, or no question
  DnsQuery query;
  query.id = static_cast<std::uint16_t>(id);
  query.flags = static_cast<std::uint16_t>(flags);
  std::size_t after = read_name(packet, kHeaderSize, query);
  if (after == 0) return std::nullopt;
  ByteReader tail(packet.substr(after));
  std::uint32_t qtype = 0, qclass = 0;
  if (!tail.u16(qtype) || !tail.u16(qclass)) return std::nullopt;
  query.qtype = static_cast<std::uint16_t>(qtype);
  query.qclass = static_cast<std::uint16_t>(qclass);
  if (query.name.empty()) query.name = ".";
  return query;
}

std::string build_dns_reply(const DnsQuery& query, const DnsAnswerPolicy& policy) {
  const std::uint32_t opcode = (query.flags >> 11) & 0xF;
  const bool is_in = query.qclass == 1;
  const bool answer_a = opcode == 0 && is_in && query.qtype == 1;
  const bool answer_aaaa = opcode == 0 && is_in && query.qtype == 28 && policy.answer_aaaa;
  std::uint32_t flags = 0x8000 | (opcode << 11) | 0x0400 | (query.flags & 0x0100) | 0x0080;
  if (opcode != 0) flags |= 4;  // NOTIMP

  std::string out;
  put16(out, query.id);
  put16(out, flags);
  put16(out, 1);                                  // questions
  put16(out, (answer_a || answer_aaaa) ? 1 : 0);  // answers
  put16(out, 0);
  put16(out, 0);
  out += query.wire_name;
  put16(out, query.qtype);
  put16(out, query.qclass);
  if (answer_a || answer_aaaa) {
    put16(out, 0xC000 | kHeaderSize);  // the question's name
    put16(out, query.qtype);
    put16(out, 1);
    put32(out, policy.ttl);
    if (answer_a) {
      put16(out, 4);
      put32(out, policy.ipv4);
    } else {
      // NAT64 well-known prefix 64:ff9b::/96 around the IPv4 sinkhole address.
      put16(out, 16);
      put32(out, 0x0064ff9b);
      put32(out, 0);
      put32(out, 0);
      put32(out, policy.ipv4);
    }
  }
  return out;
}

std::string dns_type_name(std::uint16_t qtype) {
  switch (qtype) {
    case 1: return "A";
    case 2: return "NS";
    case 5: return "CNAME";
    case 6: return "SOA";
    case 12: return "PTR";
    case 15: return "MX";
    case 16: return "TXT";
    case 28: return "AAAA";
    case 33: return "SRV";
    case 64: return "SVCB";
    case 65: return "HTTPS";
    case 255: return "ANY";
    default: return "TYPE" + std::to_string(qtype);
  }
}

}  // namespace assay::sandbox
