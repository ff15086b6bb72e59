// Fingerprints and ordering of findings.
#include "scanner/model/finding.h"

#include <algorithm>
#include <tuple>

#include "scanner/model/sha256.h"

namespace assay {
namespace {

// Evidence is folded (case, runs of whitespace) so reformatting a description does not
// turn one finding into a "new" one.
std::string fold_evidence(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c < 0x80 ? static_cast<char>(std::tolower(c)) : static_cast<char>(c));
  }
  return out;
}

}  // namespace

std::string compute_fingerprint(const Finding& f) {
  std::string key = f.rule_id;
  key += '\0';
  key += f.server;
  key += '\0';
  key += f.locations.empty() ? std::string() : f.locations.front().logical;
  key += '\0';
  key += fold_evidence(f.evidence);
  return sha256_hex(key).substr(0, 32);
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    auto loc = [](const Finding& f) { return f.locations.empty() ? std::string() : f.locations.front().logical; };
    return std::make_tuple(-static_cast<int>(a.severity), a.server, loc(a), a.rule_id, a.evidence) <
           std::make_tuple(-static_cast<int>(b.severity), b.server, loc(b), b.rule_id, b.evidence);
  });
}

}  // namespace assay
