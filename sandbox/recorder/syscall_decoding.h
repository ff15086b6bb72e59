// Decoders for each family of recorded syscalls (internal to the recorder).
#pragma once
#include <linux/seccomp.h>

#include <string>

#include "sandbox/recorder/syscall_decoder.h"

namespace assay::sandbox {

// Each returns true when the call is worth an event, with out.event's kind and fields set (pid
// is set by the caller). `nr` is the native syscall number.
bool decode_file_syscall(int nr, const seccomp_notif& n, const std::string& work_dir,
                         DecodedSyscall& out);
bool decode_exec_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out);
bool decode_network_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out);
bool decode_process_syscall(int nr, const seccomp_notif& n, DecodedSyscall& out);

}  // namespace assay::sandbox
