// process_vm_readv, split at page boundaries so a string that ends just before an unmapped page
// is still read whole.
#include "sandbox/recorder/tracee_memory.h"

#include <sys/uio.h>

#include <cstring>

namespace assay::sandbox {

namespace {
constexpr std::uint64_t kPage = 4096;  // the smallest page size Linux uses; splitting finer is harmless
}

std::size_t read_tracee(pid_t pid, std::uint64_t address, void* buffer, std::size_t size) {
  if (address == 0 || size == 0) return 0;
  // One remote iovec per page: the kernel then reports exactly the readable prefix.
  constexpr std::size_t kMaxVecs = 16;
  std::size_t done = 0;
  auto* out = static_cast<char*>(buffer);
  while (done < size) {
    iovec remote[kMaxVecs];
    std::size_t vecs = 0;
    std::size_t planned = 0;
    while (vecs < kMaxVecs && done + planned < size) {
      const std::uint64_t at = address + done + planned;
      std::size_t chunk = static_cast<std::size_t>(kPage - at % kPage);
      if (chunk > size - done - planned) chunk = size - done - planned;
      remote[vecs].iov_base = reinterpret_cast<void*>(at);
      remote[vecs].iov_len = chunk;
      ++vecs;
      planned += chunk;
    }
    iovec local{out + done, planned};
    const ssize_t got = ::process_vm_readv(pid, &local, 1, remote, vecs, 0);
    if (got <= 0) break;
    done += static_cast<std::size_t>(got);
    if (static_cast<std::size_t>(got) < planned) break;
  }
  return done;
}

bool read_tracee_string(pid_t pid, std::uint64_t address, std::size_t max_bytes, std::string& out) {
  out.clear();
  if (address == 0) return false;
  // Read up to the end of the current page first: most strings end there, in one syscall.
  char chunk[kPage];
  std::size_t scanned = 0;  // bytes looked at so far; the NUL may sit at index max_bytes
  while (scanned <= max_bytes) {
    const std::uint64_t at = address + scanned;
    std::size_t want = static_cast<std::size_t>(kPage - at % kPage);
    if (want > max_bytes + 1 - scanned) want = max_bytes + 1 - scanned;
    const std::size_t got = read_tracee(pid, at, chunk, want);
    if (got == 0) return false;
    if (const void* nul = std::memchr(chunk, 0, got)) {
      out.append(chunk, static_cast<std::size_t>(static_cast<const char*>(nul) - chunk));
      return true;
    }
    out.append(chunk, got < max_bytes - out.size() ? got : max_bytes - out.size());
    if (got < want) return false;
    scanned += got;
  }
  return false;
}

}  // namespace assay::sandbox
