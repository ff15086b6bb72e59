// Framing for the supervisor <-> init channel: JSON text plus SCM_RIGHTS / SCM_CREDENTIALS.
#include "sandbox/control_channel.h"

#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace assay::sandbox {

std::pair<UniqueFd, UniqueFd> make_control_pair() {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
    throw std::system_error(errno, std::generic_category(), "control socketpair");
  UniqueFd a(sv[0]), b(sv[1]);
  int on = 1;
  if (::setsockopt(a.get(), SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0)
    throw std::system_error(errno, std::generic_category(), "SO_PASSCRED");
  return {std::move(a), std::move(b)};
}

void send_control(int socket, const nlohmann::json& body, std::span<const int> fds) {
  std::string text = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxControlMessage) throw std::length_error("control message too long");
  if (fds.size() > kMaxControlFds) throw std::length_error("too many descriptors in one control message");
  iovec iov{text.data(), text.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxControlFds)];
  if (!fds.empty()) {
    std::memset(control, 0, sizeof control);
    msg.msg_control = control;
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
  }
  while (::sendmsg(socket, &msg, MSG_NOSIGNAL) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), "control send");
  }
}

std::optional<ControlMessage> receive_control(int socket, bool* would_block) {
  if (would_block) *would_block = false;
  std::string text(kMaxControlMessage + 1, '\0');
  iovec iov{text.data(), text.size()};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int) * kMaxControlFds) + CMSG_SPACE(sizeof(ucred))];
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  ssize_t n;
  while ((n = ::recvmsg(socket, &msg, MSG_CMSG_CLOEXEC)) < 0) {
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      if (would_block) *would_block = true;
      return std::nullopt;
    }
    throw std::system_error(errno, std::generic_category(), "control receive");
  }
  ControlMessage m;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET) continue;
    if (c->cmsg_type == SCM_RIGHTS) {
      std::size_t count = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
      for (std::size_t i = 0; i < count; ++i) {
        int fd;
        std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
        m.fds.emplace_back(fd);
      }
    } else if (c->cmsg_type == SCM_CREDENTIALS) {
      ucred cred;
      std::memcpy(&cred, CMSG_DATA(c), sizeof cred);
      m.sender_pid = cred.pid;
    }
  }
  if (n == 0 && m.fds.empty()) return std::nullopt;  // SEQPACKET: a zero-length read is the peer's close
  if (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) throw std::runtime_error("control message truncated");
  text.resize(static_cast<std::size_t>(n));
  m.body = nlohmann::json::parse(text, nullptr, false);
  if (!m.body.is_object() || !m.body.contains("type") || !m.body["type"].is_string())
    throw std::runtime_error("malformed control message");
  return m;
}

}  // namespace assay::sandbox
