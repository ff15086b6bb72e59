// Deterministic per-call canaries.
#include "scanner/fuzz/canary.h"

namespace assay::fuzz {
namespace {

constexpr std::string_view kTokenPrefix = "mca";
constexpr size_t kTokenBody = 10;
constexpr std::string_view kBase36 = "0123456789abcdefghijklmnopqrstuvwxyz";

std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

bool is_token_char(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'); }

}  // namespace

std::uint64_t mix_hash(std::uint64_t seed, std::string_view text, std::uint64_t n) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ULL;
  return splitmix64(splitmix64(seed ^ h) + n);
}

CallCanary make_canary(std::uint64_t seed, std::string_view tool, int call_index, const PlanPaths& paths) {
  CallCanary c;
  std::uint64_t h = mix_hash(seed, tool, static_cast<std::uint64_t>(call_index));
  c.token = std::string(kTokenPrefix);
  std::uint64_t x = h;
  for (size_t i = 0; i < kTokenBody; ++i, x /= 36) c.token += kBase36[x % 36];
  c.file = paths.work + "/assay-canary-" + c.token;
  c.command = "assay-canary-" + c.token;
  c.host = c.token + ".canary.test";
  std::uint64_t h2 = splitmix64(h);
  c.port = 20000 + static_cast<int>(h2 % 40000);
  c.half_a = c.token.substr(0, c.token.size() / 2);
  c.half_b = c.token.substr(c.token.size() / 2);
  c.num_a = 10007 + static_cast<long long>((h2 >> 20) % 89000);
  c.num_b = 10007 + static_cast<long long>((h2 >> 40) % 89000);
  return c;
}

std::vector<std::string> find_canary_tokens(std::string_view text) {
  std::vector<std::string> found;
  size_t width = kTokenPrefix.size() + kTokenBody;
  for (size_t at = text.find(kTokenPrefix); at != std::string_view::npos; at = text.find(kTokenPrefix, at + 1)) {
    if (at + width > text.size()) break;
    std::string_view body = text.substr(at + kTokenPrefix.size(), kTokenBody);
    bool ok = true;
    for (char c : body) ok = ok && is_token_char(c);
    // A longer run of token characters is some other word, not our token.
    if (!ok || (at + width < text.size() && is_token_char(text[at + width]))) continue;
    std::string token(text.substr(at, width));
    bool seen = false;
    for (const auto& f : found) seen = seen || f == token;
    if (!seen) found.push_back(token);
  }
  return found;
}

}  // namespace assay::fuzz
