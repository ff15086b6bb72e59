// rtnetlink requests for "ip link set lo up" and "ip route add local default dev lo" (v4, v6).
#include "sandbox/net/fake_routes.h"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace assay::sandbox {

namespace {

class RouteSocket {
 public:
  RouteSocket() {
    fd_ = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    if (fd_ < 0) throw std::system_error(errno, std::generic_category(), "rtnetlink socket");
    // The kernel answers at once; the timeout only guards against a kernel that never does.
    timeval timeout{2, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_nl local{};
    local.nl_family = AF_NETLINK;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      int saved = errno;
      ::close(fd_);
      throw std::system_error(saved, std::generic_category(), "rtnetlink bind");
    }
  }
  ~RouteSocket() { ::close(fd_); }
  RouteSocket(const RouteSocket&) = delete;
  RouteSocket& operator=(const RouteSocket&) = delete;

  // Sends one request and returns the kernel's answer: 0, or a positive errno.
  int request(nlmsghdr* message) {
    message->nlmsg_seq = ++seq_;
    message->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
    sockaddr_nl kernel{};
    kernel.nl_family = AF_NETLINK;
    if (::sendto(fd_, message, message->nlmsg_len, 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0)
      return errno;
    alignas(nlmsghdr) char reply[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, reply, sizeof reply, 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        return errno;
      }
      int length = static_cast<int>(n);
      for (auto* h = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(h, length); h = NLMSG_NEXT(h, length)) {
        if (h->nlmsg_seq != seq_ || h->nlmsg_type != NLMSG_ERROR) continue;
        if (h->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) return EPROTO;
        return -static_cast<nlmsgerr*>(NLMSG_DATA(h))->error;
      }
    }
  }

 private:
  int fd_ = -1;
  unsigned seq_ = 0;
};

struct LinkRequest {
  nlmsghdr header;
  ifinfomsg info;
};

struct RouteRequest {
  nlmsghdr header;
  rtmsg route;
  char attributes[64];
};

void add_u32_attribute(RouteRequest& request, unsigned short type, unsigned value) {
  auto* attribute = reinterpret_cast<rtattr*>(reinterpret_cast<char*>(&request) + NLMSG_ALIGN(request.header.nlmsg_len));
  attribute->rta_type = type;
  attribute->rta_len = RTA_LENGTH(sizeof value);
  std::memcpy(RTA_DATA(attribute), &value, sizeof value);
  request.header.nlmsg_len = NLMSG_ALIGN(request.header.nlmsg_len) + RTA_ALIGN(attribute->rta_len);
}

int add_local_default_route(RouteSocket& socket, unsigned char family, unsigned lo) {
  RouteRequest request{};
  request.header.nlmsg_len = NLMSG_LENGTH(sizeof(rtmsg));
  request.header.nlmsg_type = RTM_NEWROUTE;
  request.header.nlmsg_flags = NLM_F_CREATE | NLM_F_REPLACE;
  request.route.rtm_family = family;
  request.route.rtm_dst_len = 0;  // the default route: every destination
  request.route.rtm_table = RT_TABLE_LOCAL;
  request.route.rtm_protocol = RTPROT_BOOT;
  request.route.rtm_scope = RT_SCOPE_HOST;
  request.route.rtm_type = RTN_LOCAL;  // deliver to this host instead of forwarding
  add_u32_attribute(request, RTA_TABLE, RT_TABLE_LOCAL);
  add_u32_attribute(request, RTA_OIF, lo);
  return socket.request(&request.header);
}

}  // namespace

FakeRoutes setup_fake_routes() {
  const unsigned lo = ::if_nametoindex("lo");
  if (lo == 0) throw std::system_error(errno, std::generic_category(), "no loopback interface");
  RouteSocket socket;

  LinkRequest link{};
  link.header.nlmsg_len = NLMSG_LENGTH(sizeof(ifinfomsg));
  link.header.nlmsg_type = RTM_NEWLINK;
  link.info.ifi_family = AF_UNSPEC;
  link.info.ifi_index = static_cast<int>(lo);
  link.info.ifi_flags = IFF_UP;
  link.info.ifi_change = IFF_UP;
  if (int error = socket.request(&link.header))
    throw std::system_error(error, std::generic_category(), "bringing up lo");

  if (int error = add_local_default_route(socket, AF_INET, lo))
    throw std::system_error(error, std::generic_category(), "route local 0.0.0.0/0 dev lo");

  FakeRoutes result;
  if (int error = add_local_default_route(socket, AF_INET6, lo)) {
    result.ipv6_error = std::string("route local ::/0 dev lo: ") + std::strerror(error);
  } else {
    result.ipv6 = true;
  }
  return result;
}

}  // namespace assay::sandbox
