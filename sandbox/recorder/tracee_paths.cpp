// Resolution of tracee paths against its cwd or a directory fd, via /proc.
#include "sandbox/recorder/tracee_paths.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <vector>

#include "sandbox/unique_fd.h"

namespace assay::sandbox {

namespace {

bool read_proc_link(const char* link, std::string& out) {
  char target[PATH_MAX];
  const ssize_t n = ::readlink(link, target, sizeof target);
  if (n <= 0 || n >= static_cast<ssize_t>(sizeof target)) return false;
  out.assign(target, static_cast<std::size_t>(n));
  return out[0] == '/';  // "socket:[..]", "pipe:[..]" and friends are no directory
}

bool needs_folding(const std::string& path) {
  return path.find("//") != std::string::npos || path.find("/.") != std::string::npos ||
         path.rfind("./", 0) == 0 || path == "." || path == ".." ||
         (path.size() > 1 && path.back() == '/');
}

}  // namespace

std::string fold_path(const std::string& path) {
  if (!needs_folding(path)) return path;
  const bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string::npos) slash = path.size();
    std::string part = path.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty() && parts.back() != "..")
        parts.pop_back();
      else if (!absolute)
        parts.push_back(part);
    } else if (!part.empty() && part != ".") {
      parts.push_back(std::move(part));
    }
    i = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? "/" : "") + parts[k];
  return out.empty() ? "." : out;
}

std::string absolute_tracee_path(pid_t pid, int dirfd, const std::string& raw) {
  if (!raw.empty() && raw[0] == '/') return fold_path(raw);
  char link[64];
  if (dirfd == AT_FDCWD)
    std::snprintf(link, sizeof link, "/proc/%d/cwd", static_cast<int>(pid));
  else
    std::snprintf(link, sizeof link, "/proc/%d/fd/%d", static_cast<int>(pid), dirfd);
  std::string base;
  if (!read_proc_link(link, base)) return fold_path(raw);
  if (raw.empty()) return base;  // AT_EMPTY_PATH style: the fd itself
  return fold_path(base + "/" + raw);
}

bool path_inside(const std::string& path, const std::string& dir) {
  if (dir.empty()) return false;
  if (dir == "/") return true;
  return path.compare(0, dir.size(), dir) == 0 &&
         (path.size() == dir.size() || path[dir.size()] == '/');
}

bool tracee_path_exists(pid_t pid, const std::string& path) {
  char root[64];
  std::snprintf(root, sizeof root, "/proc/%d/root", static_cast<int>(pid));
  UniqueFd root_fd(::open(root, O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root_fd.valid()) return true;
  open_how how{};
  how.flags = O_PATH | O_CLOEXEC;
  how.resolve = RESOLVE_IN_ROOT;  // absolute symlinks resolve inside the tracee's root, not ours
  const char* relative = path.c_str();
  while (*relative == '/') ++relative;
  if (*relative == '\0') return true;
  UniqueFd found(static_cast<int>(::syscall(SYS_openat2, root_fd.get(), relative, &how, sizeof how)));
  if (found.valid()) return true;
  return errno != ENOENT && errno != ENOTDIR;
}

}  // namespace assay::sandbox
