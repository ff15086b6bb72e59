// Grouping findings by the tool, prompt or resource they are about, and counting them by severity.
#include "reports/finding_entity.h"

#include <string_view>

namespace assay::reports {

std::string finding_entity(const Finding& f) {
  if (f.locations.empty()) return "server";
  std::string_view rest = f.locations.front().logical;
  // The server name leads the path and may itself contain a slash.
  if (!f.server.empty() && rest.substr(0, f.server.size() + 1) == f.server + "/") {
    rest.remove_prefix(f.server.size() + 1);
  } else {
    const auto slash = rest.find('/');
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  const auto slash = rest.find('/');
  if (slash == std::string_view::npos) return "server";
  const std::string_view kind = rest.substr(0, slash);
  std::string_view name = rest.substr(slash + 1);
  name = name.substr(0, name.find('/'));
  if (name.empty()) return "server";
  if (kind == "tools") return "tool " + std::string(name);
  if (kind == "prompts") return "prompt " + std::string(name);
  if (kind == "resources") return "resource " + std::string(name);
  if (kind == "resourceTemplates") return "resource template " + std::string(name);
  return "server";
}

std::array<std::size_t, 5> count_by_severity(const ScanResult& scan) {
  std::array<std::size_t, 5> counts{};
  for (const auto& f : scan.findings) {
    const auto index = static_cast<std::size_t>(f.severity);
    if (index < counts.size()) ++counts[index];
  }
  return counts;
}

}  // namespace assay::reports
