// clone3 into new namespaces, uid/gid maps from outside, then exec of the init helper.
#include "sandbox/namespaces.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace assay::sandbox {

namespace {

// Descriptors the child receives before it moves them into place; all >= this so the moves
// into 0..4 never overwrite a source still needed.
constexpr int kStagingFloor = 10;

struct ChildPlan {
  int sources[5];     // stdin, stdout, stderr, config, control
  int sync_read;      // the supervisor writes one byte once the id maps are written
  int error_write;    // close-on-exec: EOF means exec succeeded, else the child writes errno
  const char* path;
  char* const* argv;
  char* const* envp;
};

[[noreturn]] void child_fail(int error_fd, int stage) {
  int report[2] = {stage, errno};
  (void)!::write(error_fd, report, sizeof report);
  ::_exit(127);
}

// Runs in the cloned child of a multithreaded process: raw system calls only, no allocation.
[[noreturn]] void run_child(const ChildPlan& p) {
  // If the supervisor dies, init dies, and with it everything in the pid namespace.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL) != 0) child_fail(p.error_write, 1);
  int staged[5];
  for (int i = 0; i < 5; ++i) {
    staged[i] = ::fcntl(p.sources[i], F_DUPFD_CLOEXEC, kStagingFloor);
    if (staged[i] < 0) child_fail(p.error_write, 2);
  }
  int error_fd = ::fcntl(p.error_write, F_DUPFD_CLOEXEC, kStagingFloor);
  int sync_fd = ::fcntl(p.sync_read, F_DUPFD_CLOEXEC, kStagingFloor);
  if (error_fd < 0 || sync_fd < 0) child_fail(p.error_write, 2);
  for (int i = 0; i < 5; ++i)
    if (::dup2(staged[i], i) != i) child_fail(error_fd, 3);  // dup2 clears close-on-exec
  char byte;
  ssize_t n;
  while ((n = ::read(sync_fd, &byte, 1)) < 0 && errno == EINTR) {
  }
  if (n != 1) ::_exit(126);  // the supervisor gave up on us
  // Become the namespace's root for real: as host root our uid is not the mapped one until now.
  // Raw system calls: glibc's setresuid() in a process it believes multithreaded broadcasts
  // the change to threads that do not exist in this child, and waits for them forever.
  if (::syscall(SYS_setresgid, 0, 0, 0) != 0) child_fail(error_fd, 4);
  if (::syscall(SYS_setresuid, 0, 0, 0) != 0) child_fail(error_fd, 5);
  ::execve(p.path, p.argv, p.envp);
  child_fail(error_fd, 6);
}

const char* stage_name(int stage) {
  switch (stage) {
    case 1: return "set the parent-death signal";
    case 2: case 3: return "arrange its descriptors";
    case 4: return "become gid 0 in its user namespace";
    case 5: return "become uid 0 in its user namespace";
    default: return "execute the init helper";
  }
}

void make_pipe(UniqueFd& r, UniqueFd& w) {
  int p[2];
  if (::pipe2(p, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe");
  r.reset(p[0]);
  w.reset(p[1]);
}

}  // namespace

InitProcess spawn_init(const InitLaunch& launch) {
  UniqueFd sync_read, sync_write, error_read, error_write;
  make_pipe(sync_read, sync_write);
  make_pipe(error_read, error_write);

  const char* argv[] = {"mcp-assay-sandbox-init", nullptr};
  const char* envp[] = {nullptr};
  ChildPlan plan{{launch.stdin_fd, launch.stdout_fd, launch.stderr_fd, launch.config_fd, launch.control_fd},
                 sync_read.get(),
                 error_write.get(),
                 launch.init_path.c_str(),
                 const_cast<char* const*>(argv),
                 const_cast<char* const*>(envp)};

  int pidfd = -1;
  clone_args args{};
  args.flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_PIDFD;
  if (launch.network_namespace) args.flags |= CLONE_NEWNET;
  args.pidfd = reinterpret_cast<std::uint64_t>(&pidfd);
  args.exit_signal = SIGCHLD;
  long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0)
    throw std::runtime_error(std::string("cannot create the sandbox's namespaces: ") + std::strerror(errno));
  if (pid == 0) run_child(plan);

  InitProcess init;
  init.pid = static_cast<pid_t>(pid);
  init.pidfd.reset(pidfd);
  sync_read.reset();
  error_write.reset();
  auto abandon = [&] {
    ::syscall(SYS_pidfd_send_signal, init.pidfd.get(), SIGKILL, nullptr, 0);
    ::waitpid(init.pid, nullptr, 0);  // SIGKILL cannot be blocked: this returns at once
  };
  try {
    write_id_maps(init.pid, launch.ids);
  } catch (const std::exception& e) {
    abandon();
    throw std::runtime_error(std::string("cannot map the sandbox's user ids: ") + e.what());
  }
  char go = 1;
  if (::write(sync_write.get(), &go, 1) != 1) {
    abandon();
    throw std::runtime_error("cannot release the sandbox's init");
  }
  // The exec happens within milliseconds; the deadline only guards against a wedged child.
  pollfd pfd{error_read.get(), POLLIN, 0};
  int ready = ::poll(&pfd, 1, 10000);
  int report[2] = {0, 0};
  ssize_t n = ready > 0 ? ::read(error_read.get(), report, sizeof report) : -1;
  if (n == 0) return init;  // close-on-exec closed the pipe: init is running
  abandon();
  if (n == static_cast<ssize_t>(sizeof report))
    throw std::runtime_error(std::string("the sandbox could not ") + stage_name(report[0]) + " (" +
                             launch.init_path + "): " + std::strerror(report[1]));
  throw std::runtime_error("the sandbox's init did not start within 10 seconds");
}

}  // namespace assay::sandbox
