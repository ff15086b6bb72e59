// Dispatch of a notification to its syscall family, and the thread-to-process mapping.
#include "sandbox/recorder/syscall_decoder.h"

#include <fcntl.h>
#include <linux/audit.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "sandbox/recorder/syscall_decoding.h"

namespace assay::sandbox {

namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_AARCH64;
#else
#error "the syscall recorder knows the x86_64 and aarch64 ABIs only"
#endif

// x32 shares the x86_64 audit arch and marks its numbers with this bit.
constexpr int kX32Bit = 0x40000000;

pid_t read_tgid(pid_t tid) {
  char path[64];
  std::snprintf(path, sizeof path, "/proc/%d/status", static_cast<int>(tid));
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return tid;
  char text[1024];
  const ssize_t n = ::read(fd, text, sizeof text - 1);
  ::close(fd);
  if (n <= 0) return tid;
  text[n] = '\0';
  const char* tgid = std::strstr(text, "\nTgid:");
  if (!tgid) return tid;
  const long value = std::strtol(tgid + 6, nullptr, 10);
  return value > 0 ? static_cast<pid_t>(value) : tid;
}

}  // namespace

SyscallDecoder::SyscallDecoder(std::string work_dir) : work_dir_(std::move(work_dir)) {}

// The status file is read once per thread; a thread id reused later by another process could
// inherit a stale entry, which costs only a mislabelled pid, so the cache is merely bounded.
int SyscallDecoder::process_id(pid_t tid) {
  auto it = tgid_of_tid_.find(tid);
  if (it != tgid_of_tid_.end()) return it->second;
  if (tgid_of_tid_.size() > 4096) tgid_of_tid_.clear();
  const pid_t tgid = read_tgid(tid);
  tgid_of_tid_.emplace(tid, tgid);
  return tgid;
}

bool SyscallDecoder::decode(const seccomp_notif& n, DecodedSyscall& out) {
  out = DecodedSyscall{};
  const pid_t tid = static_cast<pid_t>(n.pid);
  if (n.data.arch != kNativeArch || (n.data.nr & kX32Bit) != 0) {
    const int pid = process_id(tid);
    if (!foreign_abi_noted_.insert(pid).second) return false;
    out.event.kind = EventKind::note;
    out.event.pid = pid;
    char detail[128];
    std::snprintf(detail, sizeof detail,
                  "syscalls of a foreign ABI (audit arch 0x%x) are stopped but not decoded",
                  static_cast<unsigned>(n.data.arch));
    out.event.detail = detail;
    return true;
  }
  const int nr = n.data.nr;
  const bool recorded = decode_file_syscall(nr, n, work_dir_, out) ||
                        decode_exec_syscall(nr, n, out) || decode_network_syscall(nr, n, out) ||
                        decode_process_syscall(nr, n, out);
  if (!recorded) return false;
  out.event.pid = process_id(tid);
  if (out.event.kind == EventKind::process_exit) {
    // The process is gone after this call: forget its threads so their ids can be reused.
    const pid_t pid = out.event.pid;
    std::erase_if(tgid_of_tid_, [pid](const auto& entry) { return entry.second == pid; });
  }
  return true;
}

}  // namespace assay::sandbox
