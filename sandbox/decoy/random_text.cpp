// getrandom-backed random bytes and strings for canary values and decoy key material.
#include "sandbox/decoy/random_text.h"

#include <sys/random.h>

#include <cerrno>
#include <system_error>

namespace assay::sandbox {

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  std::size_t filled = 0;
  while (filled < count) {
    ssize_t n = ::getrandom(out.data() + filled, count - filled, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::system_error(errno, std::generic_category(), "getrandom");
    }
    filled += static_cast<std::size_t>(n);
  }
  return out;
}

std::string random_string(std::string_view alphabet, std::size_t count) {
  // Accept only bytes below the largest multiple of the alphabet size, so every character is
  // equally likely: a biased canary would still be unique, but a biased key would look forged.
  const std::size_t limit = 256 - 256 % alphabet.size();
  std::string out;
  out.reserve(count);
  while (out.size() < count) {
    for (unsigned char byte : random_bytes(count - out.size() + 8)) {
      if (byte >= limit) continue;
      out.push_back(alphabet[byte % alphabet.size()]);
      if (out.size() == count) break;
    }
  }
  return out;
}

}  // namespace assay::sandbox
