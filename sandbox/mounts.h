// The sandbox's view of the filesystem: what init builds before it pivots into a new root.
#pragma once
#include <string>
#include <vector>

namespace assay::sandbox {

struct HomeFile {
  std::string relative_path;  // under the decoy home, e.g. ".ssh/id_rsa"
  std::string content;        // raw bytes
  int mode = 0600;
};

struct MountPlan {
  std::string home = "/home/user";        // the decoy home as the target sees it (under a tmpfs /home)
  std::vector<HomeFile> home_files;       // honeytokens and other decoy files
  std::vector<HomeFile> work_files;       // written into a fresh work dir (never into a host one)
  std::vector<std::string> hidden;        // host paths covered by an empty read-only directory
  std::string server_dir;                 // host path, visible at the same path; empty = none
  bool server_dir_writable = false;
  std::string work_dir = "/workdir";      // the target's cwd, writable
  bool work_dir_from_host = false;        // bind this host path at the same place; else a fresh tmpfs
  long long tmpfs_bytes = 256LL << 20;    // size cap of /tmp, the fresh work dir and /dev/shm
  std::string resolv_conf;                // written over /etc/resolv.conf
  std::string hosts;                      // written over /etc/hosts
};

// Top-level host directories that are never shown as they are (replaced or rebuilt).
inline constexpr const char* kRebuiltTopLevel[] = {"proc", "dev", "tmp", "home", "root", "sys"};

// Init side, as pid 1 of new user, mount and pid namespaces. Builds a tmpfs root: host top-level
// directories bind-mounted read-only, fresh /proc, a minimal /dev, fresh /tmp, the decoy home
// under an otherwise empty /home, the real home and `hidden` paths covered, the server and work
// directories, generated /etc/resolv.conf and /etc/hosts; then pivots into it and drops the old
// root. Throws std::system_error naming the step that failed. Notes for what was skipped are
// appended to `notes`.
void build_mount_view(const MountPlan& plan, std::vector<std::string>& notes);

}  // namespace assay::sandbox
