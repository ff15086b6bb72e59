// sockaddr to text conversion for sinkhole events.
#include "sandbox/net/endpoint.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace assay::sandbox {

Endpoint endpoint_of(const sockaddr_storage& address) {
  Endpoint out;
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    if (::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text)) out.address = text;
    out.port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) {
      if (::inet_ntop(AF_INET, &v6.sin6_addr.s6_addr[12], text, sizeof text)) out.address = text;
    } else if (::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text)) {
      out.address = text;
    }
    out.port = ntohs(v6.sin6_port);
  }
  return out;
}

Endpoint local_endpoint(int fd) {
  sockaddr_storage address{};
  socklen_t length = sizeof address;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) return {};
  return endpoint_of(address);
}

}  // namespace assay::sandbox
