// Socket addresses and socket kinds as the recorder reports them: text address, port, protocol.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <string>

namespace assay::sandbox {

struct SocketEndpoint {
  int family = 0;         // AF_INET, AF_INET6, AF_UNIX, ... (0 = unknown)
  std::string address;    // "127.0.0.1", "::1", a unix path ("@name" for the abstract namespace)
  int port = 0;
};

// Decodes a sockaddr of `length` bytes as the tracee passed it. Returns false for a length that
// does not fit the family (a hostile caller may claim anything). Other families decode to their
// number ("family 16") so the event still says something.
bool decode_sockaddr(const void* bytes, std::size_t length, SocketEndpoint& out);

// What the tracee's fd is, seen through a duplicate taken with pidfd_getfd (the supervisor cannot
// call getsockopt on another process's fd directly).
struct TraceeSocket {
  bool known = false;     // false when the tracee died, the fd is no socket, or pidfd_getfd failed
  int family = 0;
  std::string protocol;   // "tcp", "udp", "unix", "raw", "icmp"...
  SocketEndpoint local;   // filled when want_local_address was asked
};
TraceeSocket inspect_tracee_socket(pid_t pid, int fd, bool want_local_address);

// The protocol word for an event when the socket could not be inspected.
std::string fallback_protocol(int family);

}  // namespace assay::sandbox
