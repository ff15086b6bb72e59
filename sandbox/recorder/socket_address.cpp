// Decoding sockaddrs from tracee bytes, and inspecting a tracee's socket through a pidfd duplicate.
#include "sandbox/recorder/socket_address.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sandbox/unique_fd.h"

namespace assay::sandbox {

namespace {

constexpr unsigned kPidfdThread = O_EXCL;  // PIDFD_THREAD, missing from older headers

std::string socket_protocol(int family, int type, int protocol) {
  if (family == AF_UNIX) return "unix";
  if (family == AF_INET || family == AF_INET6) {
    if (type == SOCK_STREAM) return "tcp";
    if (type == SOCK_DGRAM) return protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6 ? "icmp" : "udp";
    if (type == SOCK_RAW) return "raw";
  }
  if (family == AF_NETLINK) return "netlink";
  return fallback_protocol(family);
}

}  // namespace

bool decode_sockaddr(const void* bytes, std::size_t length, SocketEndpoint& out) {
  out = SocketEndpoint{};
  if (length < sizeof(sa_family_t)) return false;
  sa_family_t family;
  std::memcpy(&family, bytes, sizeof family);
  out.family = family;
  char text[INET6_ADDRSTRLEN];
  if (family == AF_INET) {
    if (length < sizeof(sockaddr_in)) return false;
    sockaddr_in sin;
    std::memcpy(&sin, bytes, sizeof sin);
    if (!::inet_ntop(AF_INET, &sin.sin_addr, text, sizeof text)) return false;
    out.address = text;
    out.port = ntohs(sin.sin_port);
    return true;
  }
  if (family == AF_INET6) {
    if (length < sizeof(sockaddr_in6)) return false;
    sockaddr_in6 sin6;
    std::memcpy(&sin6, bytes, sizeof sin6);
    if (!::inet_ntop(AF_INET6, &sin6.sin6_addr, text, sizeof text)) return false;
    out.address = text;
    out.port = ntohs(sin6.sin6_port);
    return true;
  }
  if (family == AF_UNIX) {
    const std::size_t offset = offsetof(sockaddr_un, sun_path);
    if (length > sizeof(sockaddr_un)) length = sizeof(sockaddr_un);
    if (length <= offset) {
      out.address = "(unnamed)";
      return true;
    }
    const char* path = static_cast<const char*>(bytes) + offset;
    const std::size_t size = length - offset;
    if (path[0] == '\0') {  // abstract namespace: the name is every remaining byte
      out.address = "@" + std::string(path + 1, size - 1);
    } else {
      out.address.assign(path, strnlen(path, size));
    }
    return true;
  }
  out.address = "family " + std::to_string(family);
  return true;
}

TraceeSocket inspect_tracee_socket(pid_t pid, int fd, bool want_local_address) {
  TraceeSocket result;
  // Notifications name threads; a thread that is not the leader needs PIDFD_THREAD (Linux 6.9+).
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  if (!pidfd.valid() && errno == EINVAL)
    pidfd.reset(static_cast<int>(::syscall(SYS_pidfd_open, pid, kPidfdThread)));
  if (!pidfd.valid()) return result;
  UniqueFd socket(static_cast<int>(::syscall(SYS_pidfd_getfd, pidfd.get(), fd, 0)));
  if (!socket.valid()) return result;
  int family = 0, type = 0, protocol = 0;
  socklen_t len = sizeof(int);
  if (::getsockopt(socket.get(), SOL_SOCKET, SO_DOMAIN, &family, &len) != 0) return result;
  len = sizeof(int);
  if (::getsockopt(socket.get(), SOL_SOCKET, SO_TYPE, &type, &len) != 0) return result;
  len = sizeof(int);
  if (::getsockopt(socket.get(), SOL_SOCKET, SO_PROTOCOL, &protocol, &len) != 0) protocol = 0;
  result.known = true;
  result.family = family;
  result.protocol = socket_protocol(family, type, protocol);
  if (want_local_address) {
    sockaddr_storage local{};
    socklen_t local_len = sizeof local;
    if (::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&local), &local_len) == 0)
      decode_sockaddr(&local, local_len, result.local);
  }
  return result;
}

std::string fallback_protocol(int family) {
  if (family == AF_INET || family == AF_INET6) return "inet";
  if (family == AF_UNIX) return "unix";
  return "family " + std::to_string(family);
}

}  // namespace assay::sandbox
