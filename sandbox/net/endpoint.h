// An IP address and port as text, read from a socket address: what the sinkhole records as the
// destination a process dialled.
#pragma once
#include <sys/socket.h>

#include <string>

namespace assay::sandbox {

struct Endpoint {
  std::string address;  // "203.0.113.7", "2001:db8::7"; IPv4-mapped IPv6 shown as IPv4
  int port = 0;
};

Endpoint endpoint_of(const sockaddr_storage& address);
// getsockname(): for a socket accepted under the catch-all local route, the address and port the
// peer connected to. Empty address if the call fails.
Endpoint local_endpoint(int fd);

}  // namespace assay::sandbox
