// Forking and exec'ing the sandboxed command from init (pid 1 of the sandbox).
#include "sandbox/init/target_launch.h"

#include <fcntl.h>
#include <signal.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "sandbox/recorder/recording_filter.h"

namespace assay::sandbox {

namespace {

bool is_executable_file(const std::string& path) { return ::access(path.c_str(), X_OK) == 0; }

// Capabilities go in three steps: root's exec-time grant is switched off and locked, the
// bounding set is emptied, then the sets themselves.
bool drop_privileges() {
  int bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED |
             SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
  if (::prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0) return false;
  for (int cap = 0; cap <= 63; ++cap) {
    if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return false;
  }
  ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  if (::syscall(SYS_capset, &header, data) != 0) return false;
  return ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0;
}

void send_plain(int fd, const char* text) { (void)!::send(fd, text, std::strlen(text), MSG_NOSIGNAL); }

void send_notify_fd(int fd, int notify_fd) {
  const char text[] = R"({"type":"notify_fd"})";
  iovec iov{const_cast<char*>(text), sizeof text - 1};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  std::memcpy(CMSG_DATA(c), &notify_fd, sizeof(int));
  (void)!::sendmsg(fd, &msg, MSG_NOSIGNAL);
}

[[noreturn]] void child_fail(const std::string& what) {
  std::string line = "mcp-assay sandbox: " + what + ": " + std::strerror(errno) + "\n";
  (void)!::write(2, line.data(), line.size());
  ::_exit(127);
}

}  // namespace

std::string resolve_command(const InitConfig& config) {
  if (config.argv.empty()) return "";
  const std::string& name = config.argv[0];
  if (name.find('/') != std::string::npos) return is_executable_file(name) ? name : "";
  std::string path = "/usr/local/bin:/usr/bin:/bin";
  for (const auto& kv : config.env)
    if (kv.rfind("PATH=", 0) == 0) path = kv.substr(5);
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (is_executable_file(candidate)) return candidate;
    start = end + 1;
  }
  return "";
}

pid_t launch_target(const InitConfig& config, const std::string& executable, int control_fd) {
  // The handoff fd sits at the target's RLIMIT_NOFILE: the target can never open or dup onto
  // that number, so the filter's exemption for sendmsg on it is no hole.
  const int handoff_fd = config.limits.max_open_files;
  RecordingFilter filter;
  if (config.record) filter = prepare_recording_filter(handoff_fd);

  std::vector<char*> argv, envp;
  for (const auto& a : config.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  for (const auto& e : config.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork target");
  if (pid > 0) return pid;

  // Init is single-threaded, so the child may allocate until the filter is loaded.
  // Not setsid(): with Debian's sched_autogroup a new session is a new scheduling group, and
  // every recorder round trip then waits for the other group's turn (14x instead of 5x bare on
  // 10,000 opens, bench/README.md). Its own process group, and no controlling terminal, give
  // the same isolation from the user's terminal.
  ::setpgid(0, 0);
  if (int tty = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC); tty >= 0) {
    ::ioctl(tty, TIOCNOTTY);
    ::close(tty);
  }
  ::signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  const std::string& cwd = config.cwd.empty() ? config.mounts.work_dir : config.cwd;
  if (::chdir(cwd.c_str()) != 0) child_fail("chdir " + cwd);
  if (::dup3(control_fd, handoff_fd, O_CLOEXEC) != handoff_fd) child_fail("handoff descriptor");
  ::close_range(3, handoff_fd - 1, 0);
  ::close_range(handoff_fd + 1, ~0U, 0);
  if (int e = apply_rlimits(config.limits)) {
    errno = e;
    child_fail("set resource limits");
  }
  if (!drop_privileges()) child_fail("drop privileges");
  if (config.record) {
    int notify_fd = load_recording_filter(filter);
    if (notify_fd < 0) {
      send_plain(handoff_fd, R"({"type":"target_started","recording":false})");
    } else {
      send_notify_fd(handoff_fd, notify_fd);
      ::close(notify_fd);
    }
  } else {
    send_plain(handoff_fd, R"({"type":"target_started","recording":false})");
  }
  ::execve(executable.c_str(), argv.data(), envp.data());
  child_fail("execute " + executable);
}

}  // namespace assay::sandbox
