// Turns one seccomp notification into the event it stands for, reading the arguments from the
// stopped tracee's memory (bounded). The reads race with the tracee's other threads (TOCTOU): we
// only record what the call most likely did, and never enforce anything on that basis.
#pragma once
#include <linux/seccomp.h>
#include <sys/types.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "sandbox/event.h"

namespace assay::sandbox {

struct DecodedSyscall {
  Event event;
  bool before_connect = false;   // an inet connect/send: the hook runs before the call continues
  bool may_be_honeytoken = false;  // a file open: ask the honeytoken hook about event.path
};

class SyscallDecoder {
 public:
  // work_dir as the tracee sees it: writes, deletes, renames and chmods inside it are no events.
  explicit SyscallDecoder(std::string work_dir);

  // Fills `out` and returns true when the notification is worth an event. Never throws for
  // anything the tracee does (an unreadable argument decodes as empty); may throw bad_alloc.
  bool decode(const seccomp_notif& notification, DecodedSyscall& out);

 private:
  int process_id(pid_t tid);

  std::string work_dir_;
  std::unordered_map<pid_t, pid_t> tgid_of_tid_;    // events name processes, notifications threads
  std::unordered_set<pid_t> foreign_abi_noted_;   // one note per process, not one per syscall
};

}  // namespace assay::sandbox
