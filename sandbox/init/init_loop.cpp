// The sandbox's pid 1: reaper, limit watcher and the supervisor's hands inside the namespaces.
#include "sandbox/init/init_loop.h"

#include <dirent.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cstring>

#include "sandbox/control_channel.h"
#include "sandbox/init/network_setup.h"
#include "sandbox/limits.h"

namespace assay::sandbox {

namespace {

// Processes in our pid namespace, init included: the fresh /proc shows only them.
int count_processes() {
  DIR* dir = ::opendir("/proc");
  if (!dir) return 0;
  int n = 0;
  while (dirent* d = ::readdir(dir))
    if (std::isdigit(static_cast<unsigned char>(d->d_name[0]))) ++n;
  ::closedir(dir);
  return n;
}

void send_limit_hit(int control_fd, const std::string& which, const std::string& detail) {
  try {
    send_control(control_fd, {{"type", "event"}, {"kind", "limit_hit"}, {"limit", which}, {"detail", detail}});
  } catch (const std::exception&) {
  }
}

struct Reaped {
  bool target_exited = false;
};

Reaped reap_children(pid_t target, int control_fd) {
  Reaped r;
  int status;
  pid_t pid;
  while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
    if (WIFSIGNALED(status)) {
      if (const char* limit = limit_for_signal(WTERMSIG(status)))
        send_limit_hit(control_fd, limit,
                       std::string("process ") + std::to_string(pid) + " in the sandbox killed by " + strsignal(WTERMSIG(status)));
    }
    if (pid != target) continue;
    r.target_exited = true;
    nlohmann::json msg = {{"type", "target_exit"}};
    if (WIFSIGNALED(status)) msg["signal"] = WTERMSIG(status);
    else msg["status"] = WEXITSTATUS(status);
    try {
      send_control(control_fd, msg);
    } catch (const std::exception&) {
    }
  }
  return r;
}

void serve_request(const ControlMessage& m, int control_fd) {
  const std::string type = m.body["type"];
  if (type == "open_listener") {
    int port = m.body.value("port", 0);
    int family = m.body.value("family", 4);
    try {
      UniqueFd fd = open_requested_listener(port, family);
      send_control(control_fd, {{"type", "listener"}, {"proto", "tcp"}, {"port", port}, {"family", family}},
                   std::array<int, 1>{fd.get()});
    } catch (const std::exception& e) {
      send_control(control_fd, {{"type", "listener_failed"}, {"port", port}, {"family", family}, {"what", e.what()}});
    }
  }
}

}  // namespace

void run_init_loop(const InitConfig& config, pid_t target, int control_fd, int signal_fd) {
  bool process_limit_reported = false;
  for (;;) {
    pollfd fds[2] = {{signal_fd, POLLIN, 0}, {control_fd, POLLIN, 0}};
    int ready = ::poll(fds, 2, 100);
    if (ready < 0 && errno != EINTR) return;
    if (fds[0].revents & POLLIN) {
      signalfd_siginfo info;
      while (::read(signal_fd, &info, sizeof info) == sizeof info) {
      }
    }
    // Reap on every wake-up: signals coalesce, and orphans re-parented to us need reaping too.
    if (reap_children(target, control_fd).target_exited) return;
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      try {
        auto m = receive_control(control_fd);
        if (!m) return;  // the supervisor is gone: end the sandbox
        serve_request(*m, control_fd);
      } catch (const std::exception&) {
        return;
      }
    }
    if (!process_limit_reported && count_processes() >= config.limits.max_processes) {
      process_limit_reported = true;
      send_limit_hit(control_fd, "processes",
                     "the sandbox reached its limit of " + std::to_string(config.limits.max_processes) + " processes");
    }
  }
}

}  // namespace assay::sandbox
