// DNS query parsing against hostile packets, and the replies that point at the sinkhole.
#include "sandbox/decoy/random_text.h"
#include "sandbox/net/dns_message.h"

#include <doctest/doctest.h>

#include <vector>

using namespace assay::sandbox;

namespace {
std::string header(std::uint16_t id, std::uint16_t flags, std::uint16_t questions) {
  return {static_cast<char>(id >> 8), static_cast<char>(id & 0xff), static_cast<char>(flags >> 8),
          static_cast<char>(flags & 0xff), 0, static_cast<char>(questions), 0, 0, 0, 0, 0, 0};
}
std::string wire(const std::vector<std::string>& labels) {
  std::string out;
  for (const std::string& l : labels) out += static_cast<char>(l.size()) + l;
  return out + '\0';
}
std::string query(const std::vector<std::string>& labels, std::uint16_t qtype = 1, std::uint16_t flags = 0x0100) {
  return header(0xbeef, flags, 1) + wire(labels) + std::string{0, static_cast<char>(qtype), 0, 1};
}
}  // namespace

TEST_SUITE("sandbox net dns") {
  TEST_CASE("a standard A query is parsed and answered with 198.18.0.1") {
    const std::string packet = query({"api", "Exfil-Collector", "example"});
    auto q = parse_dns_query(packet);
    REQUIRE(q);
    CHECK(q->id == 0xbeef);
    CHECK(q->name == "api.Exfil-Collector.example");
    CHECK(dns_type_name(q->qtype) == "A");
    std::string reply = build_dns_reply(*q, {});
    const std::string expected = header(0xbeef, 0x8580, 1).replace(7, 1, "\x01") + wire({"api", "Exfil-Collector", "example"}) +
                                 std::string{0, 1, 0, 1} + std::string{'\xc0', 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4} +
                                 std::string{'\xc6', 0x12, 0, 1};
    CHECK(reply == expected);
  }

  TEST_CASE("AAAA gets no data by default and the NAT64 form of the sinkhole when asked") {
    auto q = parse_dns_query(query({"a", "example"}, 28));
    REQUIRE(q);
    std::string nodata = build_dns_reply(*q, {});
    CHECK(nodata.size() == 12 + 11 + 4);
    CHECK(nodata[7] == 0);  // no answers
    CHECK((nodata[3] & 0x0f) == 0);  // NOERROR
    DnsAnswerPolicy policy;
    policy.answer_aaaa = true;
    std::string answer = build_dns_reply(*q, policy);
    CHECK(answer.substr(answer.size() - 16) ==
          std::string{0, 0x64, '\xff', '\x9b', 0, 0, 0, 0, 0, 0, 0, 0, '\xc6', 0x12, 0, 1});
  }

  TEST_CASE("TXT and other types get no data; a non-QUERY opcode gets NOTIMP") {
    auto txt = parse_dns_query(query({"x", "example"}, 16));
    REQUIRE(txt);
    CHECK(dns_type_name(txt->qtype) == "TXT");
    CHECK(build_dns_reply(*txt, {})[7] == 0);
    CHECK(dns_type_name(4242) == "TYPE4242");
    auto update = parse_dns_query(query({"x", "example"}, 6, 0x2800));
    REQUIRE(update);
    CHECK((build_dns_reply(*update, {})[3] & 0x0f) == 4);
  }

  TEST_CASE("names are shown safely and kept raw for the canary search") {
    auto q = parse_dns_query(query({"a.b", std::string("c\x00\x1b", 3), "ex"}));
    REQUIRE(q);
    CHECK(q->name == "a\\046b.c\\000\\027.ex");
    CHECK(q->raw_name == std::string("a.b.c\x00\x1b" ".ex", 10));
    auto root = parse_dns_query(query({}));
    REQUIRE(root);
    CHECK(root->name == ".");
  }

  TEST_CASE("a backwards compression pointer is followed") {
    // A query's only name starts right after the header, so the one backward target a pointer can
    // have is inside that name: here into the middle of the first label, whose bytes happen to
    // spell the name "abc". Legal wire format, if contrived.
    std::string packet = header(1, 0x0100, 1) + std::string("\x05\x03" "abc" "\x00" "\xc0\x0d", 8) + std::string{0, 1, 0, 1};
    auto q = parse_dns_query(packet);
    REQUIRE(q);
    CHECK(q->name == "\\003abc\\000.abc");
    CHECK(q->wire_name == std::string("\x05\x03" "abc" "\x00" "\x03" "abc" "\x00", 11));
    CHECK(dns_type_name(q->qtype) == "A");
    // The reply re-encodes the name uncompressed.
    CHECK(build_dns_reply(*q, {}).substr(12, 11) == q->wire_name);
  }

  TEST_CASE("hostile packets are refused without crashing") {
    CHECK_FALSE(parse_dns_query(""));
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 1)));                       // no question bytes
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 0) + wire({"a"}) + std::string(4, '\1')));  // zero questions
    CHECK_FALSE(parse_dns_query(header(1, 0x8180, 1) + wire({"a"}) + std::string(4, '\1')));  // a response
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 1) + wire({"a"}) + std::string(3, '\1')));  // short qtype/qclass
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 1) + std::string("\x05" "ab", 3)));          // label past the end
    CHECK_FALSE(parse_dns_query(query({std::string(64, 'a')})));                               // 64 is not a label length
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 1) + std::string("\x41\x61\x00\x00\x01\x00\x01", 7)));  // 0x40 type
    std::vector<std::string> long_name(5, std::string(60, 'a'));
    CHECK_FALSE(parse_dns_query(query(long_name)));                                            // 306 bytes of name
    std::vector<std::string> fits(4, std::string(62, 'a'));
    CHECK(parse_dns_query(query(fits)));                                                       // 253 bytes

    // A compression loop: a label at 12, then a pointer back to 12 — the reader would run
    // around forever without its jump cap (and the name cap).
    std::string loop = header(1, 0x0100, 1) + std::string("\x01" "a" "\xc0\x0c", 4) + std::string{0, 1, 0, 1};
    CHECK_FALSE(parse_dns_query(loop));
    std::string into_header = header(1, 0x0100, 1) + std::string("\x01" "a" "\xc0\x02", 4) + std::string{0, 1, 0, 1};
    CHECK_FALSE(parse_dns_query(into_header));
    CHECK_FALSE(parse_dns_query(header(1, 0x0100, 1) + "\xc0"));  // half a pointer
  }

  TEST_CASE("random packets never crash the parser") {
    for (int round = 0; round < 5000; ++round) {
      std::string packet = header(1, 0x0100, 1) + random_bytes(static_cast<std::size_t>(round % 300));
      auto q = parse_dns_query(packet);
      if (q) CHECK(q->wire_name.size() <= 255);
    }
  }
}
