// connect, sendto/sendmsg/sendmmsg with a destination, bind and listen.
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <cstdint>

#include "sandbox/recorder/socket_address.h"
#include "sandbox/recorder/syscall_decoding.h"
#include "sandbox/recorder/tracee_memory.h"

namespace assay::sandbox {

namespace {

constexpr std::size_t kMaxDataBytes = 256;

bool is_inet(int family) { return family == AF_INET || family == AF_INET6; }

// Reads and decodes the tracee's sockaddr; false for none, a bad length, AF_UNSPEC (a UDP
// "disconnect") and netlink (kernel queries such as listing interfaces, not network traffic).
bool read_endpoint(pid_t pid, std::uint64_t address, std::uint64_t length, SocketEndpoint& out) {
  if (address == 0) return false;
  sockaddr_storage storage{};
  const std::size_t want = length < sizeof storage ? static_cast<std::size_t>(length) : sizeof storage;
  const std::size_t got = read_tracee(pid, address, &storage, want);
  if (!decode_sockaddr(&storage, got, out)) return false;
  return out.family != AF_UNSPEC && out.family != AF_NETLINK;
}

void set_endpoint(const SocketEndpoint& endpoint, Event& e) {
  e.address = endpoint.address;
  e.port = endpoint.port;
}

// The socket's protocol is not in the arguments: the socket itself is looked at, which costs a
// pidfd round trip, so only for inet sockets (a unix address says "unix" by itself).
std::string protocol_of(pid_t pid, int fd, int family) {
  if (family == AF_UNIX) return "unix";
  TraceeSocket socket = inspect_tracee_socket(pid, fd, false);
  return socket.known ? socket.protocol : fallback_protocol(family);
}

bool decode_send(pid_t pid, int fd, const SocketEndpoint& to, std::uint64_t data, std::uint64_t length,
                 DecodedSyscall& out) {
  Event& e = out.event;
  e.kind = EventKind::sendto;
  set_endpoint(to, e);
  e.protocol = protocol_of(pid, fd, to.family);
  char bytes[kMaxDataBytes];
  const std::size_t want = length < kMaxDataBytes ? static_cast<std::size_t>(length) : kMaxDataBytes;
  e.data.assign(bytes, read_tracee(pid, data, bytes, want));
  out.before_connect = is_inet(to.family);
  return true;
}

// sendmsg/sendmmsg: the destination and the first buffer sit behind the msghdr.
bool decode_msghdr(pid_t pid, int fd, std::uint64_t msghdr_address, DecodedSyscall& out) {
  msghdr header{};
  if (read_tracee(pid, msghdr_address, &header, sizeof header) != sizeof header) return false;
  SocketEndpoint to;
  if (!read_endpoint(pid, reinterpret_cast<std::uintptr_t>(header.msg_name), header.msg_namelen, to))
    return false;
  iovec first{};
  if (header.msg_iovlen == 0 ||
      read_tracee(pid, reinterpret_cast<std::uintptr_t>(header.msg_iov), &first, sizeof first) != sizeof first)
    first = iovec{};
  return decode_send(pid, fd, to, reinterpret_cast<std::uintptr_t>(first.iov_base), first.iov_len, out);
}

}  // namespace

bool decode_network_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out) {
  const pid_t pid = static_cast<pid_t>(n.pid);
  const auto& a = n.data.args;
  const int fd = static_cast<int>(a[0]);
  Event& e = out.event;
  SocketEndpoint endpoint;
  switch (nr) {
    case SYS_connect:
      if (!read_endpoint(pid, a[1], a[2], endpoint)) return false;
      e.kind = EventKind::connect;
      set_endpoint(endpoint, e);
      e.protocol = protocol_of(pid, fd, endpoint.family);
      out.before_connect = is_inet(endpoint.family);
      return true;
    case SYS_sendto:
      if (!read_endpoint(pid, a[4], a[5], endpoint)) return false;
      return decode_send(pid, fd, endpoint, a[1], a[2], out);
    case SYS_sendmsg: return decode_msghdr(pid, fd, a[1], out);
    case SYS_sendmmsg:
      // Recorded by its first message: a batch goes to one peer in practice (DNS, QUIC).
      if (a[2] > 1) e.detail = "first of " + std::to_string(a[2]) + " messages";
      if (decode_msghdr(pid, fd, a[1], out)) return true;
      e.detail.clear();
      return false;
    case SYS_bind:
      if (!read_endpoint(pid, a[1], a[2], endpoint)) return false;
      e.kind = EventKind::bind;
      set_endpoint(endpoint, e);
      e.protocol = protocol_of(pid, fd, endpoint.family);
      return true;
    case SYS_listen: {
      TraceeSocket socket = inspect_tracee_socket(pid, fd, true);
      e.kind = EventKind::listen;
      if (socket.known) {
        set_endpoint(socket.local, e);
        e.protocol = socket.protocol;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace assay::sandbox
