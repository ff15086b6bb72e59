// Which outer user and group the sandbox's root maps to, and writing that map for a new user namespace.
#pragma once
#include <sys/types.h>

#include <string>

namespace assay::sandbox {

struct IdMapping {
  uid_t outer_uid = 0;   // the sandbox's uid 0 is this uid on the host
  gid_t outer_gid = 0;
  bool deny_setgroups = true;  // required before an unprivileged process may write gid_map
};

// As root: an unused high uid/gid, so files owned by host root are not the sandbox's, and the
// sandbox's processes are nobody's on the host. Unprivileged: the caller's own uid/gid (the only
// mapping the kernel allows without privilege).
IdMapping choose_id_mapping();

// The outer uid/gid used for the sandbox when the supervisor runs as root.
inline constexpr uid_t kSandboxOuterId = 2147000000;

// Writes /proc/PID/{setgroups,uid_map,gid_map}. Throws std::system_error naming the file.
void write_id_maps(pid_t pid, const IdMapping& mapping);

}  // namespace assay::sandbox
