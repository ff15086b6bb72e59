// uid/gid maps for the sandbox's user namespace, written by the supervisor from outside.
#include "sandbox/id_map.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "sandbox/unique_fd.h"

namespace assay::sandbox {

namespace {

void write_proc_file(pid_t pid, const char* name, const std::string& content) {
  std::string path = "/proc/" + std::to_string(pid) + "/" + name;
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd.valid()) throw std::system_error(errno, std::generic_category(), "open " + path);
  // The kernel accepts a map in a single write only.
  ssize_t n = ::write(fd.get(), content.data(), content.size());
  if (n != static_cast<ssize_t>(content.size()))
    throw std::system_error(n < 0 ? errno : EIO, std::generic_category(), "write " + path);
}

}  // namespace

IdMapping choose_id_mapping() {
  if (::geteuid() == 0) return {kSandboxOuterId, kSandboxOuterId, false};
  return {::geteuid(), ::getegid(), true};
}

void write_id_maps(pid_t pid, const IdMapping& m) {
  if (m.deny_setgroups) write_proc_file(pid, "setgroups", "deny");
  write_proc_file(pid, "uid_map", "0 " + std::to_string(m.outer_uid) + " 1\n");
  write_proc_file(pid, "gid_map", "0 " + std::to_string(m.outer_gid) + " 1\n");
}

}  // namespace assay::sandbox
