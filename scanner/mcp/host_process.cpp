// Launches a server on the host with Boost.Process in its own session; the only file that
// includes Boost.Process, because its headers cost seconds per translation unit.
#include "scanner/mcp/process.h"

#include "scanner/mcp/launched_groups.h"

#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>
#include <boost/process/start_dir.hpp>
#include <cerrno>
#include <thread>
#include <vector>

#if __has_include(<linux/close_range.h>)
#include <linux/close_range.h>
#endif

#include "scanner/mcp/command_path.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

namespace bp = boost::process;

int highest_fd_to_protect() {
  struct rlimit rl {};
  if (::getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 65536) return 65536;
  return static_cast<int>(rl.rlim_cur);
}

// Runs in the forked child, so only async-signal-safe calls. The server gets its own session
// (a group we can kill as one, no controlling terminal to talk to the user through), the signal
// state a fresh process expects, and none of the scanner's other descriptors.
struct IsolateChild : bp::extend::handler {
  int fd_limit;

  template <class Executor>
  void on_exec_setup(Executor&) const {
    ::setsid();
    ::signal(SIGPIPE, SIG_DFL);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
#if defined(SYS_close_range) && defined(CLOSE_RANGE_CLOEXEC)
    if (::syscall(SYS_close_range, 3u, ~0u, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
    for (int fd = 3; fd < fd_limit; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  }

  // Boost leaves a child whose exec failed unreaped; we do not leave zombies.
  template <class Executor>
  void on_error(Executor& e, const std::error_code&) const {
    if (e.pid <= 0) return;
    ::kill(-e.pid, SIGKILL);
    ::kill(e.pid, SIGKILL);
    while (::waitpid(e.pid, nullptr, 0) == -1 && errno == EINTR) {
    }
  }
};

bp::pipe cloexec_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw target_error(std::string("cannot create a pipe: ") + ::strerror(errno));
  return bp::pipe(fds[0], fds[1]);
}

UniqueFd take_source(bp::pipe& p) {
  UniqueFd fd(p.native_source());
  p.assign_source(-1);
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) | O_NONBLOCK);
  return fd;
}

UniqueFd take_sink(bp::pipe& p) {
  UniqueFd fd(p.native_sink());
  p.assign_sink(-1);
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) | O_NONBLOCK);
  return fd;
}

class HostProcess final : public ServerProcess {
 public:
  explicit HostProcess(const LaunchSpec& spec);
  ~HostProcess() override { kill_and_reap(); }
  pid_t pid() const override { return pid_; }
  bool has_exited() override;
  std::string exit_description() const override;
  void terminate() override { signal_group(SIGTERM); }
  void kill_and_reap() override;

 private:
  void signal_group(int sig);
  void record_exit(int code, bool by_signal);

  pid_t pid_ = -1;
  bool exited_ = false;
  bool reaped_ = false;
  bool status_known_ = false;
  bool killed_by_signal_ = false;
  int exit_code_ = 0;  // exit status, or the signal number when killed_by_signal_
};

HostProcess::HostProcess(const LaunchSpec& spec) {
  const std::string exe = resolve_command(spec);
  const std::string dir = resolve_working_dir(spec);
  std::vector<std::string> args(spec.argv.begin() + 1, spec.argv.end());

  bp::environment env = boost::this_process::environment();
  for (const auto& [key, value] : spec.extra_env) env[key] = value;

  bp::pipe in = cloexec_pipe();
  bp::pipe out = cloexec_pipe();
  bp::pipe err = cloexec_pipe();
  std::error_code ec;
  bp::child child(bp::exe = exe, bp::args = args, env, bp::start_dir = dir, bp::std_in < in, bp::std_out > out,
                  bp::std_err > err, IsolateChild{{}, highest_fd_to_protect()}, ec);
  if (ec) throw target_error("cannot start " + exe + ": " + ec.message());
  pid_ = child.id();
  remember_group(pid_);
  child.detach();
  stdin_ = take_sink(in);
  stdout_ = take_source(out);
  stderr_ = take_source(err);
}

void HostProcess::record_exit(int code, bool by_signal) {
  status_known_ = true;
  killed_by_signal_ = by_signal;
  exit_code_ = code;
}

bool HostProcess::has_exited() {
  if (exited_ || pid_ <= 0) return true;
  siginfo_t info {};
  if (::waitid(P_PID, pid_, &info, WEXITED | WNOHANG | WNOWAIT) == 0) {
    if (info.si_pid != pid_) return false;
    exited_ = true;
    record_exit(info.si_status, info.si_code != CLD_EXITED);
  } else if (errno == ECHILD) {
    // Someone set SIGCHLD to SIG_IGN and the kernel reaped it for us; the status is lost.
    exited_ = true;
    reaped_ = true;
  }
  return exited_;
}

std::string HostProcess::exit_description() const {
  if (!exited_ && !reaped_) return {};
  if (!status_known_) return "exited";
  if (!killed_by_signal_) return "exited with code " + std::to_string(exit_code_);
  const char* name = ::sigabbrev_np(exit_code_);
  return "was killed by signal " + std::to_string(exit_code_) + (name ? std::string(" (SIG") + name + ")" : "");
}

void HostProcess::signal_group(int sig) {
  if (pid_ <= 0 || reaped_) return;
  ::kill(-pid_, sig);
  ::kill(pid_, sig);  // in case the leader left its own group
}

void HostProcess::kill_and_reap() {
  if (pid_ <= 0 || reaped_) return;
  signal_group(SIGKILL);
  // SIGKILL is prompt unless the process is stuck in the kernel; then we give up rather than hang.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  for (;;) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      if (!status_known_) record_exit(WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), !WIFEXITED(status));
      break;
    }
    if (r == -1 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= give_up) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  exited_ = true;
  reaped_ = true;
  forget_group(pid_);
}

}  // namespace

std::unique_ptr<ServerProcess> launch_on_host(const LaunchSpec& spec) { return std::make_unique<HostProcess>(spec); }

}  // namespace assay::mcp
