// The syscalls the recording filter stops on without looking at their arguments (native ABI).
// sendto, sendmsg, tkill and tgkill stop only on some arguments: see recording_filter.cpp.
#pragma once
#include <sys/syscall.h>

namespace assay::sandbox {

inline constexpr int kUnconditionallyRecorded[] = {
    SYS_execve,   SYS_execveat, SYS_openat,   SYS_openat2,  SYS_unlinkat, SYS_renameat,
    SYS_renameat2, SYS_fchmodat, SYS_truncate, SYS_mkdirat,  SYS_connect,  SYS_bind,
    SYS_listen,   SYS_sendmmsg, SYS_kill,     SYS_ptrace,   SYS_exit_group,
#ifdef SYS_open  // the legacy path syscalls exist on x86_64, not on newer ABIs such as arm64
    SYS_open,     SYS_creat,    SYS_unlink,   SYS_rmdir,    SYS_rename,   SYS_chmod,
    SYS_mkdir,
#endif
#ifdef SYS_fchmodat2
    SYS_fchmodat2,
#endif
};

}  // namespace assay::sandbox
