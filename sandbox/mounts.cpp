// Builds the sandbox's filesystem view in init's private mount namespace, then pivots into it.
#include "sandbox/mounts.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <system_error>

#include "sandbox/unique_fd.h"

namespace assay::sandbox {

namespace {

// The new root is assembled on a tmpfs mounted here; every host tree it shows was captured as a
// detached mount (open_tree) before, so this mount point hides nothing we need (a server dir in
// /tmp included).
constexpr const char* kNewRoot = "/tmp";

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

void check(int rc, const std::string& what) {
  if (rc != 0) fail(what);
}

UniqueFd capture_tree(const std::string& path) {
  int fd = ::open_tree(AT_FDCWD, path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
  if (fd < 0) fail("capture " + path);
  return UniqueFd(fd);
}

void set_attributes(int dirfd, const char* path, unsigned flags, std::uint64_t attrs, const std::string& what) {
  mount_attr attr{};
  attr.attr_set = attrs;
  check(::mount_setattr(dirfd, path, flags, &attr, sizeof attr), what);
}

void make_readonly_tree(int tree_fd, const std::string& what) {
  set_attributes(tree_fd, "", AT_EMPTY_PATH | AT_RECURSIVE, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
                 "read-only " + what);
}

void attach(int tree_fd, const std::string& target) {
  check(::move_mount(tree_fd, "", AT_FDCWD, target.c_str(), MOVE_MOUNT_F_EMPTY_PATH), "attach " + target);
}

void mount_tmpfs(const std::string& target, long long bytes, const char* mode, unsigned long flags = 0) {
  std::string options = "mode=" + std::string(mode) + ",size=" + std::to_string(bytes);
  check(::mount("tmpfs", target.c_str(), "tmpfs", MS_NOSUID | MS_NODEV | flags, options.c_str()),
        "tmpfs " + target);
}

void make_dirs(const std::string& path, mode_t mode = 0755) {
  for (std::size_t i = 1; i <= path.size(); ++i) {
    if (i != path.size() && path[i] != '/') continue;
    std::string prefix = path.substr(0, i);
    if (::mkdir(prefix.c_str(), mode) != 0 && errno != EEXIST) fail("mkdir " + prefix);
  }
}

void write_file(const std::string& path, const std::string& content, int mode) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode));
  if (!fd.valid()) fail("create " + path);
  for (std::size_t done = 0; done < content.size();) {
    ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write " + path);
    done += static_cast<std::size_t>(n);
  }
  ::fchmod(fd.get(), static_cast<mode_t>(mode));
}

bool is_directory(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

struct TopLevelEntry {
  std::string name;
  std::string symlink_target;  // set for symlinks (usr-merged /bin -> usr/bin)
  UniqueFd tree;               // set for directories shown read-only
};

std::vector<TopLevelEntry> capture_top_level(const MountPlan& plan) {
  std::vector<TopLevelEntry> entries;
  DIR* dir = ::opendir("/");
  if (!dir) fail("list /");
  std::string fresh_work_top;
  if (!plan.work_dir_from_host) fresh_work_top = plan.work_dir.substr(1, plan.work_dir.find('/', 1) - 1);
  while (dirent* d = ::readdir(dir)) {
    std::string name = d->d_name;
    if (name == "." || name == "..") continue;
    if (std::find(std::begin(kRebuiltTopLevel), std::end(kRebuiltTopLevel), name) != std::end(kRebuiltTopLevel))
      continue;
    if (name == fresh_work_top) continue;
    std::string path = "/" + name;
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) continue;
    TopLevelEntry e{name, "", {}};
    if (S_ISLNK(st.st_mode)) {
      char target[4096];
      ssize_t n = ::readlink(path.c_str(), target, sizeof target - 1);
      if (n <= 0) continue;
      e.symlink_target.assign(target, static_cast<std::size_t>(n));
    } else if (S_ISDIR(st.st_mode)) {
      e.tree = capture_tree(path);
    } else {
      continue;  // stray files at the top level are not part of any system layout
    }
    entries.push_back(std::move(e));
  }
  ::closedir(dir);
  return entries;
}

void build_dev(const std::string& dev, long long shm_bytes) {
  mount_tmpfs(dev, 1 << 20, "0755");
  for (const char* node : {"null", "zero", "full", "random", "urandom", "tty"}) {
    std::string host = std::string("/dev/") + node, target = dev + "/" + node;
    write_file(target, "", 0666);
    // Device nodes work only through a bind of the host's node: a tmpfs made in a user
    // namespace ignores device files.
    check(::mount(host.c_str(), target.c_str(), nullptr, MS_BIND, nullptr), "bind " + host);
  }
  const std::pair<const char*, const char*> links[] = {
      {"fd", "/proc/self/fd"}, {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
      {"stderr", "/proc/self/fd/2"}, {"core", "/proc/kcore"}};
  for (auto [name, target] : links) check(::symlink(target, (dev + "/" + name).c_str()), "symlink /dev/" + std::string(name));
  make_dirs(dev + "/shm");
  mount_tmpfs(dev + "/shm", shm_bytes, "1777");
  make_dirs(dev + "/pts");
}

void populate_home(const std::string& home, const std::vector<HomeFile>& files) {
  make_dirs(home, 0755);
  for (const auto& f : files) {
    if (f.relative_path.empty() || f.relative_path[0] == '/' || f.relative_path.find("..") != std::string::npos)
      continue;  // decoy files are ours, but a bad path must never write outside the home
    std::string path = home + "/" + f.relative_path;
    make_dirs(path.substr(0, path.rfind('/')), 0700);
    write_file(path, f.content, f.mode);
  }
}

// Generated /etc files are written on the new root's tmpfs, bound over the host's copies, then
// unlinked: the bind keeps the file, nothing stray is left in the root.
void override_etc_file(const std::string& root, const std::string& name, const std::string& content,
                       std::vector<std::string>& notes) {
  std::string target = root + "/etc/" + name;
  struct stat st;
  if (::lstat(target.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    notes.push_back("/etc/" + name + " is not a regular file on the host; left as it is");
    return;
  }
  std::string staged = root + "/.etc-" + name;
  write_file(staged, content, 0644);
  check(::mount(staged.c_str(), target.c_str(), nullptr, MS_BIND, nullptr), "bind /etc/" + name);
  ::unlink(staged.c_str());
}

}  // namespace

void build_mount_view(const MountPlan& plan, std::vector<std::string>& notes) {
  // Nothing we mount may propagate back to the host.
  check(::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), "make / private");

  std::vector<TopLevelEntry> top = capture_top_level(plan);
  UniqueFd server_tree, work_tree;
  if (!plan.server_dir.empty()) server_tree = capture_tree(plan.server_dir);
  if (plan.work_dir_from_host) work_tree = capture_tree(plan.work_dir);

  const std::string root = kNewRoot;
  mount_tmpfs(root, 1 << 20, "0755");
  for (auto& e : top) {
    std::string path = root + "/" + e.name;
    if (!e.symlink_target.empty()) {
      check(::symlink(e.symlink_target.c_str(), path.c_str()), "symlink " + path);
      continue;
    }
    make_dirs(path);
    make_readonly_tree(e.tree.get(), "/" + e.name);
    attach(e.tree.get(), path);
  }

  // A fresh sysfs shows the sandbox's own network devices only (it needs the network namespace
  // to be ours); without one, the host's is shown read-only.
  make_dirs(root + "/sys");
  if (::mount("sysfs", (root + "/sys").c_str(), "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0) {
    notes.push_back(std::string("host /sys shown read-only: fresh sysfs refused: ") + std::strerror(errno));
    UniqueFd sys = capture_tree("/sys");
    make_readonly_tree(sys.get(), "/sys");
    attach(sys.get(), root + "/sys");
  }
  make_dirs(root + "/proc");
  check(::mount("proc", (root + "/proc").c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr), "mount /proc");
  make_dirs(root + "/dev");
  build_dev(root + "/dev", plan.tmpfs_bytes);
  make_dirs(root + "/tmp");
  mount_tmpfs(root + "/tmp", plan.tmpfs_bytes, "1777");
  make_dirs(root + "/root", 0700);

  // The decoy home lives in an otherwise empty /home: no real user's directory is there.
  make_dirs(root + "/home");
  mount_tmpfs(root + "/home", plan.tmpfs_bytes, "0755");
  populate_home(root + plan.home, plan.home_files);

  // Paths to hide (the caller's real home when it is not under /home, /run/user): an empty tmpfs
  // each, made read-only once the server and work directories are mounted inside them if need be.
  std::vector<std::string> covered;
  for (const auto& h : plan.hidden) {
    if (h.empty() || h[0] != '/' || h == "/") continue;
    std::string path = root + h;
    if (!is_directory(path)) continue;
    mount_tmpfs(path, 1 << 20, "0755");
    covered.push_back(path);
  }

  if (server_tree.valid()) {
    std::string path = root + plan.server_dir;
    make_dirs(path);
    if (plan.server_dir_writable)
      set_attributes(server_tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
                     "server dir attributes");
    else
      make_readonly_tree(server_tree.get(), "server dir");
    attach(server_tree.get(), path);
  }
  std::string work = root + plan.work_dir;
  make_dirs(work);
  if (work_tree.valid()) {
    set_attributes(work_tree.get(), "", AT_EMPTY_PATH | AT_RECURSIVE, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
                   "work dir attributes");
    attach(work_tree.get(), work);
  } else {
    mount_tmpfs(work, plan.tmpfs_bytes, "0755");
    populate_home(work, plan.work_files);
  }

  if (!plan.resolv_conf.empty()) override_etc_file(root, "resolv.conf", plan.resolv_conf, notes);
  if (!plan.hosts.empty()) override_etc_file(root, "hosts", plan.hosts, notes);

  for (const auto& path : covered) set_attributes(AT_FDCWD, path.c_str(), 0, MOUNT_ATTR_RDONLY, "read-only " + path);
  set_attributes(AT_FDCWD, (root + "/dev").c_str(), 0, MOUNT_ATTR_RDONLY, "read-only /dev");

  // pivot_root(".", ".") stacks the old root under the new one; detaching it leaves only ours.
  check(::chdir(root.c_str()), "chdir new root");
  check(static_cast<int>(::syscall(SYS_pivot_root, ".", ".")), "pivot_root");
  check(::umount2(".", MNT_DETACH), "detach old root");
  check(::chdir("/"), "chdir /");
  set_attributes(AT_FDCWD, "/", 0, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, "read-only /");
}

}  // namespace assay::sandbox
