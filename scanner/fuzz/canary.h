// Per-call canaries: unique values the fuzzer writes into one call's payload so that anything
// the sandbox sees later (a file, an exec, a DNS name, a connection) names the call it came from.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/decoy/decoy_identity.h"

namespace assay::fuzz {

// Where the server under test lives, as it sees the filesystem (the sandbox's view).
struct PlanPaths {
  std::string home = sandbox::kDecoyHome;  // the decoy home holding the honeytokens (the executor takes it from the Sandbox)
  std::string work = "/workdir";    // the writable work dir (canary files are created here)
  std::string root = "/workdir";    // the directory the server was told it may use
};

struct CallCanary {
  std::string token;         // "mca" + 10 base-36 characters, unique per (seed, tool, call)
  std::string file;          // {work}/assay-canary-<token>
  std::string command;       // assay-canary-<token>: a command name no system has
  std::string host;          // <token>.canary.test
  int port = 0;              // 20000..59999, for payloads naming an address rather than a host
  std::string half_a, half_b;  // the token in two pieces: a payload can make the server join them
  long long num_a = 0, num_b = 0;  // five-digit factors: a payload can make the server multiply
  long long product() const { return num_a * num_b; }
};

CallCanary make_canary(std::uint64_t seed, std::string_view tool, int call_index, const PlanPaths& paths);

// Every canary token ("mca" + 10 base-36 characters) that occurs in `text`, in order, deduplicated.
std::vector<std::string> find_canary_tokens(std::string_view text);

// Stable 64-bit mixing of a seed with text and a number (FNV-1a, then splitmix64): the same
// inputs give the same value on every platform and standard library.
std::uint64_t mix_hash(std::uint64_t seed, std::string_view text, std::uint64_t n = 0);

}  // namespace assay::fuzz
