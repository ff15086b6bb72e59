// The terminal report: findings grouped by server, then by tool, two lines each, and a summary.
// Every string that came from a scanned server is made visible first: a description carrying ANSI
// escapes could otherwise repaint the reviewer's terminal and hide the very finding shown.
#include <map>
#include <sstream>
#include <vector>

#include "reports/finding_entity.h"
#include "reports/gate_counts.h"
#include "reports/report_writers.h"
#include "reports/visible_text.h"

namespace assay::reports {
namespace {

constexpr std::size_t kEvidenceChars = 160;
constexpr std::size_t kNameChars = 120;

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(std::string_view code, std::string_view text) const {
    if (!color_) return std::string(text);
    return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
  }

 private:
  bool color_;
};

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::critical: return "1;91";
    case Severity::high: return "91";
    case Severity::medium: return "33";
    case Severity::low: return "36";
    case Severity::info: return "2";
  }
  return "0";
}

std::string severity_label(Severity s) {
  std::string label(to_string(s));
  for (char& c : label) c = static_cast<char>(c - ('a' <= c && c <= 'z' ? 'a' - 'A' : 0));
  label.resize(9, ' ');
  return label;
}

std::string place(const Location& loc) {
  const PhysicalLocation& p = loc.physical;
  std::string out = visible_text(p.file, kNameChars);
  if (!p.file.empty() && p.start_line > 0) {
    out += ":" + std::to_string(p.start_line);
    if (p.start_column > 0) out += ":" + std::to_string(p.start_column);
  }
  if (!loc.logical.empty()) out += (out.empty() ? "" : " ") + std::string("(") + visible_text(loc.logical, kNameChars) + ")";
  return out;
}

void write_finding(std::ostringstream& out, const Finding& f, const Painter& paint) {
  out << "    " << paint(severity_color(f.severity), severity_label(f.severity)) << " " << paint("1", visible_text(f.rule_id))
      << " " << visible_text(f.message) << (f.baselined ? paint("2", " (baselined)") : "") << "\n";
  std::string detail;
  if (!f.locations.empty()) detail = place(f.locations.front());
  if (!f.evidence.empty()) {
    if (!detail.empty()) detail += "  ";
    detail += "evidence: " + visible_text(f.evidence, kEvidenceChars);
  }
  if (!detail.empty()) out << "              " << paint("2", detail) << "\n";
}

// Groups keep the order in which their first finding appears, so the worst server comes first.
template <typename Key>
std::vector<std::pair<Key, std::vector<const Finding*>>> group_by(const std::vector<const Finding*>& findings,
                                                                   Key (*key)(const Finding&)) {
  std::vector<std::pair<Key, std::vector<const Finding*>>> groups;
  std::map<Key, std::size_t> index;
  for (const Finding* f : findings) {
    const Key k = key(*f);
    auto [it, inserted] = index.emplace(k, groups.size());
    if (inserted) groups.push_back({k, {}});
    groups[it->second].second.push_back(f);
  }
  return groups;
}

std::string server_of(const Finding& f) { return f.server; }

void write_summary(std::ostringstream& out, const ScanResult& scan, const Painter& paint) {
  for (const auto& t : scan.targets) {
    if (t.status == TargetStatus::failed)
      out << paint("91", "target failed: ") << visible_text(t.target, kNameChars) << ": " << visible_text(t.error) << "\n";
    if (t.ran_unsandboxed)
      out << paint("33", "note: ") << "server " << visible_text(t.server, kNameChars)
          << " ran unsandboxed: its code ran on this host\n";
  }
  for (const auto& t : scan.targets) {
    if (t.skipped.empty()) continue;
    constexpr std::size_t kShown = 5;
    out << paint("33", "note: ") << visible_text(t.target, kNameChars) << ": " << t.skipped.size()
        << (t.skipped.size() == 1 ? " file" : " files") << " or directories left out\n";
    for (std::size_t i = 0; i < t.skipped.size() && i < kShown; ++i) out << "  " << visible_text(t.skipped[i]) << "\n";
    if (t.skipped.size() > kShown) out << "  ... (the JSON report lists all)\n";
  }
  out << "sandbox: " << visible_text(scan.sandbox_level) << "\n";

  const auto counts = count_by_severity(scan);
  std::size_t failed = 0;
  for (const auto& t : scan.targets) failed += t.status == TargetStatus::failed;
  out << paint("1", std::to_string(scan.findings.size()) + (scan.findings.size() == 1 ? " finding" : " findings")) << ": ";
  bool first = true;
  for (Severity s : {Severity::critical, Severity::high, Severity::medium, Severity::low, Severity::info}) {
    out << (first ? "" : ", ") << counts[static_cast<std::size_t>(s)] << " " << to_string(s);
    first = false;
  }
  out << "; " << scan.targets.size() << (scan.targets.size() == 1 ? " target" : " targets") << ", " << failed
      << " failed";
  const GateCounts gate = gate_counts(scan);
  if (gate.baselined) out << "; " << gate.baselined << " baselined";
  if (gate.suppressed_inline) out << "; " << gate.suppressed_inline << " suppressed inline";
  if (gate.ignored) out << "; " << gate.ignored << " ignored by the project config";
  if (!scan.suppressed.empty() && !scan.show_suppressed) out << " (--show-suppressed lists them)";
  out << "\n";
  for (const auto& line : scan.expired_ignores) out << paint("33", "warning: ") << visible_text(line) << "\n";
}

}  // namespace

std::string write_text(const ScanResult& scan, bool color) {
  const Painter paint(color);
  std::ostringstream out;
  std::map<std::string, std::string> target_of_server;
  for (const auto& t : scan.targets) target_of_server.emplace(t.server, t.target);

  std::vector<const Finding*> all;
  for (const auto& f : scan.findings) all.push_back(&f);
  for (const auto& [server, findings] : group_by<std::string>(all, server_of)) {
    out << paint("1", server.empty() ? "(unnamed server)" : visible_text(server, kNameChars));
    if (auto t = target_of_server.find(server); t != target_of_server.end() && t->second != server)
      out << "  " << paint("2", "(" + visible_text(t->second, kNameChars) + ")");
    out << "\n";
    for (const auto& [entity, in_entity] : group_by<std::string>(findings, finding_entity)) {
      out << "  " << visible_text(entity, kNameChars) << "\n";
      for (const Finding* f : in_entity) write_finding(out, *f, paint);
    }
    out << "\n";
  }
  if (scan.findings.empty()) out << "No findings.\n";
  if (scan.show_suppressed && !scan.suppressed.empty()) {
    out << paint("1", "Suppressed") << "\n";
    for (const auto& f : scan.suppressed) {
      write_finding(out, f, paint);
      const std::string by = f.suppressed_by.empty() ? "" : " (" + visible_text(f.suppressed_by) + ")";
      out << "      " << paint("2", "ignored: " + visible_text(f.suppression_reason) + by) << "\n";
    }
    out << "\n";
  }
  write_summary(out, scan, paint);
  return out.str();
}

}  // namespace assay::reports
