// File syscalls: opens (reads are file_open, writes outside the work dir file_write), deletes,
// renames, chmods, truncates and mkdirs.
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>

#include <climits>

#include "sandbox/recorder/syscall_decoding.h"
#include "sandbox/recorder/tracee_memory.h"
#include "sandbox/recorder/tracee_paths.h"

namespace assay::sandbox {

namespace {

constexpr int kCwd = AT_FDCWD;

int fd_arg(const seccomp_notif& n, int index) { return static_cast<int>(n.data.args[index]); }

std::string tracee_path(const seccomp_notif& n, int dirfd, int path_index) {
  std::string raw;
  read_tracee_string(static_cast<pid_t>(n.pid), n.data.args[path_index], PATH_MAX, raw);
  return absolute_tracee_path(static_cast<pid_t>(n.pid), dirfd, raw);
}

// Device nodes (/dev/null, /dev/tty...) are opened for writing by ordinary programs all the
// time; writing to them changes no file.
bool is_device_path(const std::string& path) {
  return path_inside(path, "/dev") && !path_inside(path, "/dev/shm") &&
         !path_inside(path, "/dev/mqueue");
}

bool decode_open(const seccomp_notif& n, int dirfd, int path_index, long long flags,
                 const std::string& work_dir, DecodedSyscall& out) {
  Event& e = out.event;
  e.path = tracee_path(n, dirfd, path_index);
  e.flags = flags;
  const bool writes =
      (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
  e.kind = writes && !path_inside(e.path, work_dir) && !is_device_path(e.path)
               ? EventKind::file_write
               : EventKind::file_open;
  out.may_be_honeytoken = true;
  return true;
}

// Changes inside the work dir are the server doing its job; only the rest is an event.
bool change_outside(const std::string& path, const std::string& work_dir, EventKind kind,
                    DecodedSyscall& out) {
  if (path_inside(path, work_dir)) return false;
  out.event.kind = kind;
  out.event.path = path;
  return true;
}

}  // namespace

bool decode_file_syscall(int nr, const seccomp_notif& n, const std::string& work_dir,
                         DecodedSyscall& out) {
  const auto& a = n.data.args;
  switch (nr) {
#ifdef SYS_open
    case SYS_open: return decode_open(n, kCwd, 0, static_cast<long long>(a[1]), work_dir, out);
    case SYS_creat:
      return decode_open(n, kCwd, 0, O_CREAT | O_WRONLY | O_TRUNC, work_dir, out);
    case SYS_unlink: return change_outside(tracee_path(n, kCwd, 0), work_dir, EventKind::file_delete, out);
    case SYS_rmdir:
      out.event.detail = "rmdir";
      return change_outside(tracee_path(n, kCwd, 0), work_dir, EventKind::file_delete, out);
    case SYS_rename: {
      std::string from = tracee_path(n, kCwd, 0), to = tracee_path(n, kCwd, 1);
      if (path_inside(from, work_dir) && path_inside(to, work_dir)) return false;
      out.event.kind = EventKind::file_rename;
      out.event.path = std::move(from);
      out.event.path2 = std::move(to);
      return true;
    }
    case SYS_chmod:
      out.event.flags = static_cast<long long>(a[1] & 07777);
      return change_outside(tracee_path(n, kCwd, 0), work_dir, EventKind::file_chmod, out);
    case SYS_mkdir:
      out.event.detail = "mkdir";
      return change_outside(tracee_path(n, kCwd, 0), work_dir, EventKind::file_write, out);
#endif
    case SYS_openat:
      return decode_open(n, fd_arg(n, 0), 1, static_cast<long long>(a[2]), work_dir, out);
    case SYS_openat2: {
      open_how how{};
      // Only the leading flags field is needed; a short read leaves them 0 (a read-only open).
      read_tracee(static_cast<pid_t>(n.pid), a[2], &how.flags, sizeof how.flags);
      return decode_open(n, fd_arg(n, 0), 1, static_cast<long long>(how.flags), work_dir, out);
    }
    case SYS_unlinkat:
      if (a[2] & AT_REMOVEDIR) out.event.detail = "rmdir";
      return change_outside(tracee_path(n, fd_arg(n, 0), 1), work_dir, EventKind::file_delete, out);
    case SYS_renameat:
    case SYS_renameat2: {
      std::string from = tracee_path(n, fd_arg(n, 0), 1), to = tracee_path(n, fd_arg(n, 2), 3);
      if (path_inside(from, work_dir) && path_inside(to, work_dir)) return false;
      out.event.kind = EventKind::file_rename;
      out.event.path = std::move(from);
      out.event.path2 = std::move(to);
      return true;
    }
    case SYS_fchmodat:
#ifdef SYS_fchmodat2
    case SYS_fchmodat2:
#endif
      out.event.flags = static_cast<long long>(a[2] & 07777);
      return change_outside(tracee_path(n, fd_arg(n, 0), 1), work_dir, EventKind::file_chmod, out);
    case SYS_truncate:
      out.event.detail = "truncate";
      return change_outside(tracee_path(n, kCwd, 0), work_dir, EventKind::file_write, out);
    case SYS_mkdirat:
      out.event.detail = "mkdir";
      return change_outside(tracee_path(n, fd_arg(n, 0), 1), work_dir, EventKind::file_write, out);
    default: return false;
  }
}

}  // namespace assay::sandbox
