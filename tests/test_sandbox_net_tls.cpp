// parse_tls_client_hello on a real ClientHello and on hostile variants of it.
#include "sandbox/decoy/random_text.h"
#include "sandbox/net/tls_client_hello.h"
#include "sandbox_net_support.h"

#include <doctest/doctest.h>

using namespace assay::sandbox;
using namespace sandbox_net_test;

TEST_SUITE("sandbox net tls") {
  TEST_CASE("a real OpenSSL ClientHello yields its server name") {
    const std::string hello = read_fixture("client-hello-python-openssl.bin");
    REQUIRE(hello.size() == 517);
    TlsClientHello parsed = parse_tls_client_hello(hello);
    CHECK(parsed.status == TlsHelloStatus::client_hello);
    CHECK(parsed.sni == "api.exfil-collector.example");
  }

  TEST_CASE("every truncation of a ClientHello is incomplete, never a crash or a wrong name") {
    const std::string hello = read_fixture("client-hello-python-openssl.bin");
    CHECK(parse_tls_client_hello("").status == TlsHelloStatus::not_tls);
    for (std::size_t n = 1; n < hello.size(); ++n) {
      CAPTURE(n);
      TlsClientHello parsed = parse_tls_client_hello(hello.substr(0, n));
      CHECK(parsed.status == TlsHelloStatus::incomplete);
      CHECK(parsed.sni.empty());
    }
  }

  TEST_CASE("a ClientHello fragmented over several records is reassembled") {
    const std::string message = client_hello_message("cdn.example.net");
    for (std::size_t fragment : {1, 7, 40, 16384}) {
      CAPTURE(fragment);
      TlsClientHello parsed = parse_tls_client_hello(in_records(message, fragment));
      CHECK(parsed.status == TlsHelloStatus::client_hello);
      CHECK(parsed.sni == "cdn.example.net");
    }
  }

  TEST_CASE("a ClientHello without server_name parses with no name") {
    TlsClientHello parsed = parse_tls_client_hello(in_records(client_hello_message("")));
    CHECK(parsed.status == TlsHelloStatus::client_hello);
    CHECK(parsed.sni.empty());
  }

  TEST_CASE("lengths that do not nest are malformed") {
    std::string message = client_hello_message("a.example");
    // Record length over the protocol limit.
    CHECK(parse_tls_client_hello("\x16\x03\x01\xff\xff" + message).status == TlsHelloStatus::malformed);
    // Handshake length of 16 MiB.
    std::string huge = message;
    huge.replace(1, 3, "\xff\xff\xff");
    CHECK(parse_tls_client_hello(in_records(huge)).status == TlsHelloStatus::malformed);
    // Not a ClientHello (ServerHello type 2).
    std::string server = message;
    server[0] = 2;
    CHECK(parse_tls_client_hello(in_records(server)).status == TlsHelloStatus::malformed);
    // Session id longer than 32.
    std::string session = message;
    session[4 + 2 + 32] = static_cast<char>(200);
    CHECK(parse_tls_client_hello(in_records(session)).status == TlsHelloStatus::malformed);
    // Extensions block claiming more than the message holds.
    std::string extensions = message;
    const std::size_t at = 4 + 2 + 32 + 1 + 2 + 4 + 2;
    extensions.replace(at, 2, u16(0xfff0));
    CHECK(parse_tls_client_hello(in_records(extensions)).status == TlsHelloStatus::malformed);
    // Server name longer than its list.
    std::string name = message;
    std::size_t sni_length_at = name.find("a.example") - 2;
    name.replace(sni_length_at, 2, u16(0x4000));
    CHECK(parse_tls_client_hello(in_records(name)).status == TlsHelloStatus::malformed);
    // A handshake record followed by an alert record before the hello is whole.
    std::string mixed = in_records(message.substr(0, 20)) + "\x15\x03\x03" + u16(2) + "\x02\x28";
    CHECK(parse_tls_client_hello(mixed).status == TlsHelloStatus::malformed);
  }

  TEST_CASE("not TLS at all") {
    CHECK(parse_tls_client_hello("GET / HTTP/1.1\r\n").status == TlsHelloStatus::not_tls);
    CHECK(parse_tls_client_hello(std::string("\x16\x02\x00", 3)).status == TlsHelloStatus::not_tls);
  }

  TEST_CASE("control characters in the name are neutralised and the name is capped") {
    TlsClientHello parsed = parse_tls_client_hello(in_records(client_hello_message("evil\x1b[31m.example")));
    CHECK(parsed.sni == "evil?[31m.example");
    parsed = parse_tls_client_hello(in_records(client_hello_message(std::string(1000, 'a'))));
    CHECK(parsed.status == TlsHelloStatus::client_hello);
    CHECK(parsed.sni.size() == 255);
  }

  TEST_CASE("random corruption of a real ClientHello never crashes or over-reads") {
    const std::string hello = read_fixture("client-hello-python-openssl.bin");
    for (int round = 0; round < 3000; ++round) {
      std::string noise = random_bytes(8);
      std::string mutated = hello;
      for (int i = 0; i < 4; ++i) {
        std::size_t at = (static_cast<unsigned char>(noise[2 * i]) * 7 + round) % mutated.size();
        mutated[at] = noise[2 * i + 1];
      }
      TlsClientHello parsed = parse_tls_client_hello(mutated);
      CHECK(parsed.sni.size() <= 255);
    }
  }
}
