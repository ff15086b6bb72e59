// The per-run canary values planted in the decoy home and environment, and the search that
// recognises them in bytes a sandboxed process sent out, however it encoded them.
#pragma once
#include "sandbox/decoy/needle_index.h"

#include <string>
#include <string_view>
#include <vector>

namespace assay::sandbox {

// label names where the value was planted ("ssh-id-rsa", "env-GITHUB_TOKEN"); events carry the
// label only, never the value, so a report never republishes a secret-looking string.
struct Canary {
  std::string label;
  std::string value;
};

class CanarySet {
 public:
  CanarySet() = default;
  explicit CanarySet(std::vector<Canary> canaries);
  // Every label of canary_labels() with a fresh value in that secret's real-world format.
  static CanarySet generate();

  const std::vector<Canary>& all() const { return canaries_; }
  // The value planted under `label`; throws std::out_of_range for an unknown label.
  const std::string& value(std::string_view label) const;

  // Canaries present in `bytes` (values shorter than 8 bytes are never searched; generated ones
  // are 20 or more): raw, base64 (standard or URL alphabet, at any of the three
  // byte alignments), hex (either case), percent-encoded, and with line breaks or JSON escapes
  // inside (a PEM key sent whole). Each canary at most once, in all() order.
  std::vector<const Canary*> find_in(std::string_view bytes) const;
  // Canaries in a DNS name, where exfiltration splits data into labels and case may be mangled:
  // dots removed, compared case-insensitively, raw, hex, base32 (five alignments) and base64.
  std::vector<const Canary*> find_in_dns_name(std::string_view name) const;

 private:
  std::vector<const Canary*> in_order(const std::vector<bool>& found) const;

  std::vector<Canary> canaries_;
  NeedleIndex exact_;   // raw, base64 fragments (both alphabets, three alignments), hex
  NeedleIndex folded_;  // the same lower-cased, plus base32 fragments, for DNS names
};

// The labels generate() fills, in order; honeytoken_home() and sandbox_environment() use them.
const std::vector<std::string_view>& canary_labels();

}  // namespace assay::sandbox
