// Ignore matching: every matcher an entry gives must match; matchers are globs.
#include "scanner/gate/ignores.h"

#include "scanner/code/glob.h"

namespace assay::gate {
namespace {

bool glob_or_any(const std::string& pattern, const std::string& value) {
  return pattern.empty() || code::glob_match(pattern, value);
}

std::string without_dot_slash(std::string path) {
  while (path.starts_with("./")) path.erase(0, 2);
  return path;
}

bool path_matches(const std::string& pattern, const Finding& finding) {
  if (pattern.empty()) return true;
  const std::string wanted = without_dot_slash(pattern);
  for (const auto& loc : finding.locations)
    if (!loc.physical.file.empty() && code::path_filter_match(wanted, without_dot_slash(loc.physical.file)))
      return true;
  return false;
}

std::string describe(const IgnoreEntry& e) {
  std::string what;
  auto add = [&what](const char* key, const std::string& value) {
    if (!value.empty()) what += (what.empty() ? "" : ", ") + std::string(key) + " " + value;
  };
  add("rule", e.rule);
  add("fingerprint", e.fingerprint);
  add("server", e.server);
  add("tool", e.tool);
  add("path", e.path);
  return what;
}

}  // namespace

std::string tool_of(const Finding& finding) {
  constexpr std::string_view kTools = "/tools/";
  for (const auto& loc : finding.locations) {
    const std::string& logical = loc.logical;
    // The server's own name comes first and may contain anything, so search from its end.
    std::size_t at = finding.server.empty() || !logical.starts_with(finding.server) ? 0 : finding.server.size();
    at = logical.find(kTools, at);
    if (at == std::string::npos) continue;
    const std::size_t begin = at + kTools.size();
    const std::size_t end = logical.find('/', begin);
    return logical.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }
  return "";
}

bool ignore_matches(const IgnoreEntry& e, const Finding& f) {
  if (!glob_or_any(e.rule, f.rule_id)) return false;
  if (!e.fingerprint.empty() && e.fingerprint != (f.fingerprint.empty() ? compute_fingerprint(f) : f.fingerprint))
    return false;
  if (!glob_or_any(e.server, f.server)) return false;
  if (!e.tool.empty()) {
    const std::string tool = tool_of(f);
    if (tool.empty() || !code::glob_match(e.tool, tool)) return false;
  }
  return path_matches(e.path, f);
}

bool ignore_expired(const IgnoreEntry& entry, const std::string& today) {
  return !entry.expires.empty() && today > entry.expires;  // ISO dates order as strings
}

std::size_t apply_ignores(ScanResult& result, const std::vector<IgnoreEntry>& entries, const std::string& today) {
  std::vector<const IgnoreEntry*> live, expired;
  for (const auto& e : entries) (ignore_expired(e, today) ? expired : live).push_back(&e);
  std::vector<Finding> kept;
  std::size_t ignored = 0;
  for (auto& f : result.findings) {
    const IgnoreEntry* by = nullptr;
    for (const IgnoreEntry* e : live)
      if (ignore_matches(*e, f)) {
        by = e;
        break;
      }
    if (!by) {
      kept.push_back(std::move(f));
      continue;
    }
    f.suppression_reason = by->reason;
    f.suppressed_by = by->where;
    result.suppressed.push_back(std::move(f));
    ++ignored;
  }
  result.findings = std::move(kept);
  sort_findings(result.suppressed);
  // Counted after the live entries: a finding another entry still ignores does not count again.
  for (const IgnoreEntry* e : expired) {
    std::size_t back = 0;
    for (const auto& f : result.findings) back += ignore_matches(*e, f);
    result.expired_ignores.push_back(e->where + ": the ignore of " + describe(*e) + " expired on " + e->expires + " (" +
                                     e->reason + "); " + std::to_string(back) +
                                     (back == 1 ? " finding counts" : " findings count") + " again");
  }
  return ignored;
}

}  // namespace assay::gate
