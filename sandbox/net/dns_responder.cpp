// recvmsg/sendmsg with packet info around the DNS message parser and reply builder.
#include "sandbox/net/dns_responder.h"

#include "sandbox/net/dns_message.h"
#include "sandbox/net/sinkhole_events.h"

#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace assay::sandbox {

namespace {

struct Datagram {
  std::string bytes;
  sockaddr_storage peer{};
  socklen_t peer_length = 0;
  bool have_destination = false;
  in_pktinfo v4{};
  in6_pktinfo v6{};
};

bool receive(int fd, Datagram& d) {
  char buffer[4096];  // EDNS clients may send up to ~4 KiB; a query needs far less
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in6_pktinfo)) + CMSG_SPACE(sizeof(in_pktinfo))];
  iovec io{buffer, sizeof buffer};
  msghdr message{};
  message.msg_name = &d.peer;
  message.msg_namelen = sizeof d.peer;
  message.msg_iov = &io;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  ssize_t n = ::recvmsg(fd, &message, MSG_DONTWAIT);
  if (n < 0) return false;
  d.bytes.assign(buffer, static_cast<std::size_t>(n));
  d.peer_length = message.msg_namelen;
  for (cmsghdr* c = CMSG_FIRSTHDR(&message); c; c = CMSG_NXTHDR(&message, c)) {
    if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
      std::memcpy(&d.v4, CMSG_DATA(c), sizeof d.v4);
      d.have_destination = true;
    } else if (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_PKTINFO) {
      std::memcpy(&d.v6, CMSG_DATA(c), sizeof d.v6);
      d.have_destination = true;
    }
  }
  return true;
}

Endpoint destination_of(const Datagram& d, int local_port) {
  sockaddr_storage address{};
  if (d.peer.ss_family == AF_INET) {
    auto& v4 = reinterpret_cast<sockaddr_in&>(address);
    v4.sin_family = AF_INET;
    v4.sin_addr = d.v4.ipi_addr;
    v4.sin_port = htons(static_cast<uint16_t>(local_port));
  } else {
    auto& v6 = reinterpret_cast<sockaddr_in6&>(address);
    v6.sin6_family = AF_INET6;
    v6.sin6_addr = d.v6.ipi6_addr;
    v6.sin6_port = htons(static_cast<uint16_t>(local_port));
  }
  Endpoint out = endpoint_of(address);
  if (!d.have_destination) out.address.clear();
  return out;
}

// Replies from the address the query went to: the resolver's socket is connected to it and
// would discard an answer from any other source address.
void reply(int fd, const Datagram& d, const std::string& bytes) {
  iovec io{const_cast<char*>(bytes.data()), bytes.size()};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(in6_pktinfo))] = {};
  msghdr message{};
  message.msg_name = const_cast<sockaddr_storage*>(&d.peer);
  message.msg_namelen = d.peer_length;
  message.msg_iov = &io;
  message.msg_iovlen = 1;
  if (d.have_destination) {
    message.msg_control = control;
    cmsghdr* c = reinterpret_cast<cmsghdr*>(control);
    if (d.peer.ss_family == AF_INET) {
      in_pktinfo info{};
      info.ipi_spec_dst = d.v4.ipi_addr;
      c->cmsg_level = IPPROTO_IP;
      c->cmsg_type = IP_PKTINFO;
      c->cmsg_len = CMSG_LEN(sizeof info);
      std::memcpy(CMSG_DATA(c), &info, sizeof info);
      message.msg_controllen = CMSG_SPACE(sizeof info);
    } else {
      in6_pktinfo info{};
      info.ipi6_addr = d.v6.ipi6_addr;
      c->cmsg_level = IPPROTO_IPV6;
      c->cmsg_type = IPV6_PKTINFO;
      c->cmsg_len = CMSG_LEN(sizeof info);
      std::memcpy(CMSG_DATA(c), &info, sizeof info);
      message.msg_controllen = CMSG_SPACE(sizeof info);
    }
  }
  // A full socket buffer drops the answer; the client retries or gives up, as on a real network.
  ::sendmsg(fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
}

}  // namespace

void serve_dns_datagrams(int fd, EventLog& log, const SinkholeOptions& options, int max_datagrams) {
  DnsAnswerPolicy policy;
  policy.answer_aaaa = options.answer_aaaa;
  const int local_port = local_endpoint(fd).port;
  for (int i = 0; i < max_datagrams; ++i) {
    Datagram d;
    if (!receive(fd, d)) return;
    const Endpoint resolver = destination_of(d, local_port);
    auto query = parse_dns_query(d.bytes);
    if (!query) {
      Event e;
      e.kind = EventKind::dns_query;
      e.address = resolver.address;
      e.port = resolver.port;
      e.protocol = "udp";
      e.detail = "malformed";
      e.data = d.bytes.substr(0, options.max_event_data_bytes);
      log.add(e);
      if (options.canaries) {
        for (const Canary* canary : options.canaries->find_in(d.bytes)) {
          e.kind = EventKind::canary_seen;
          e.canary = canary->label;
          e.detail = "dns";
          e.data.clear();
          log.add(e);
        }
      }
      continue;
    }
    record_dns_query(log, resolver, *query, options);
    reply(fd, d, build_dns_reply(*query, policy));
  }
}

}  // namespace assay::sandbox
