// Creation of the sinkhole's listening TCP and UDP sockets.
#include "sandbox/net/listeners.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace assay::sandbox {

namespace {

// Backlog large enough that a burst of connects is queued rather than refused while the
// sinkhole thread is busy; the sinkhole bounds how many it keeps open.
constexpr int kBacklog = 128;

int open_bound(int port, int family, int type) {
  if ((family != 4 && family != 6) || port < 0 || port > 65535) {
    errno = EINVAL;
    return -1;
  }
  const int domain = family == 4 ? AF_INET : AF_INET6;
  int fd = ::socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  const int one = 1;
  bool ok = ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0;
  if (family == 6) ok = ok && ::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) == 0;
  if (type == SOCK_DGRAM) {
    ok = ok && (family == 4 ? ::setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one)
                            : ::setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one, sizeof one)) == 0;
  }
  if (ok) {
    if (family == 4) {
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port));
      address.sin_addr.s_addr = htonl(INADDR_ANY);
      ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    } else {
      sockaddr_in6 address{};
      address.sin6_family = AF_INET6;
      address.sin6_port = htons(static_cast<uint16_t>(port));
      address.sin6_addr = in6addr_any;
      ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    }
  }
  if (ok && type == SOCK_STREAM) ok = ::listen(fd, kBacklog) == 0;
  if (!ok) {
    int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

}  // namespace

int open_tcp_listener(int port, int family) { return open_bound(port, family, SOCK_STREAM); }
int open_udp_socket(int port, int family) { return open_bound(port, family, SOCK_DGRAM); }

}  // namespace assay::sandbox
