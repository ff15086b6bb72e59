// fork + load filter + SCM_RIGHTS handoff + execve, with only async-signal-safe calls in the child.
#include "sandbox/recorder/recorded_child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <stdexcept>

namespace assay::sandbox {

namespace {

// Far above the descriptors a test or benchmark process holds.
constexpr int kHandoffFd = 900;

[[noreturn]] void child_fail(int socket, int error) {
  // A plain message (no fd) tells the parent the filter did not load, and why.
  [[maybe_unused]] ssize_t ignored = ::send(socket, &error, sizeof error, MSG_NOSIGNAL);
  ::_exit(127);
}

[[noreturn]] void run_child(int socket, const RecordingFilter& filter, char* const* argv,
                            char* const* envp, const RecordedChildIo& io) {
  if (io.stdin_fd >= 0 && ::dup2(io.stdin_fd, 0) < 0) child_fail(socket, errno);
  if (io.stdout_fd >= 0 && ::dup2(io.stdout_fd, 1) < 0) child_fail(socket, errno);
  if (io.stderr_fd >= 0 && ::dup2(io.stderr_fd, 2) < 0) child_fail(socket, errno);
  // Close-on-exec: the target must not keep the channel.
  if (::dup3(socket, kHandoffFd, O_CLOEXEC) < 0) child_fail(socket, errno);
  const int notify_fd = load_recording_filter(filter);
  if (notify_fd < 0) child_fail(kHandoffFd, errno);
  char control[CMSG_SPACE(sizeof(int))] = {};
  int zero = 0;
  iovec payload{&zero, sizeof zero};
  msghdr message{};
  message.msg_iov = &payload;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  cmsghdr* header = CMSG_FIRSTHDR(&message);
  header->cmsg_level = SOL_SOCKET;
  header->cmsg_type = SCM_RIGHTS;
  header->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(header), &notify_fd, sizeof notify_fd);
  if (::sendmsg(kHandoffFd, &message, MSG_NOSIGNAL) < 0) {
    // No listener yet: close ours first so the exit below is not stopped for ever.
    ::close(notify_fd);
    ::_exit(127);
  }
  ::close(notify_fd);
  ::execve(argv[0], argv, envp);
  ::_exit(127);  // recorded as exit status 127; the exec attempt was recorded too if it exists
}

UniqueFd receive_notify_fd(int socket, int& child_error) {
  child_error = 0;
  pollfd ready{socket, POLLIN, 0};
  if (::poll(&ready, 1, 10000) <= 0) {
    child_error = ETIMEDOUT;
    return UniqueFd();
  }
  int error = 0;
  iovec payload{&error, sizeof error};
  char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr message{};
  message.msg_iov = &payload;
  message.msg_iovlen = 1;
  message.msg_control = control;
  message.msg_controllen = sizeof control;
  const ssize_t got = ::recvmsg(socket, &message, MSG_CMSG_CLOEXEC);
  if (got <= 0) {
    child_error = ECHILD;
    return UniqueFd();
  }
  for (cmsghdr* h = CMSG_FIRSTHDR(&message); h; h = CMSG_NXTHDR(&message, h)) {
    if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS) {
      int fd;
      std::memcpy(&fd, CMSG_DATA(h), sizeof fd);
      return UniqueFd(fd);
    }
  }
  child_error = error != 0 ? error : EPROTO;
  return UniqueFd();
}

}  // namespace

int recorded_child_handoff_fd() { return kHandoffFd; }

RecordedChild spawn_recorded(const std::vector<std::string>& argv,
                             const std::vector<std::string>& env, const RecordingFilter& filter,
                             RecordedChildIo io) {
  if (argv.empty()) throw std::runtime_error("spawn_recorded: empty command");
  // Everything the child needs is built before fork: it may not allocate.
  std::vector<char*> child_argv, child_envp;
  for (const auto& arg : argv) child_argv.push_back(const_cast<char*>(arg.c_str()));
  child_argv.push_back(nullptr);
  for (const auto& var : env) child_envp.push_back(const_cast<char*>(var.c_str()));
  child_envp.push_back(nullptr);

  int sockets[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sockets) != 0)
    throw std::runtime_error(std::string("socketpair: ") + std::strerror(errno));
  UniqueFd parent_end(sockets[0]), child_end(sockets[1]);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) run_child(child_end.get(), filter, child_argv.data(), child_envp.data(), io);
  child_end.reset();
  int child_error = 0;
  RecordedChild child{pid, receive_notify_fd(parent_end.get(), child_error)};
  if (!child.notify_fd.valid()) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    throw std::runtime_error(std::string("cannot load the recording filter: ") +
                             std::strerror(child_error));
  }
  return child;
}

}  // namespace assay::sandbox
