// Bounded reads of a stopped tracee's memory: every length is capped by the caller's buffer, and a
// tracee that died or unmapped the page yields a short read, never an error that escapes.
#pragma once
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace assay::sandbox {

// Copies up to `size` bytes from `address` in `pid` into `buffer`, stopping at the first
// unreadable page. Returns the number of bytes copied (0 when nothing could be read).
std::size_t read_tracee(pid_t pid, std::uint64_t address, void* buffer, std::size_t size);

// Reads a NUL-terminated string of at most `max_bytes` bytes (not counting the NUL) into `out`.
// Returns false when the address is null, unreadable, or no NUL came within the bound (then `out`
// holds the bounded prefix).
bool read_tracee_string(pid_t pid, std::uint64_t address, std::size_t max_bytes, std::string& out);

}  // namespace assay::sandbox
