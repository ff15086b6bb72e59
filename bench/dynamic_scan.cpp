// A full default dynamic scan (launch in the sandbox, list, plan, every planned call within the
// default budgets, relist, judge) of server-everything and server-filesystem: wall time, calls
// per second, and the share of time the syscall recorder costs, measured against the same scan
// with recording off, variants interleaved run by run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "scanner/dynamic/live_fuzz.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/mcp/stdio_session.h"
#include "scanner/scan/rule_set.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace dyn = assay::dynamic;

struct Run {
  double seconds = 0;
  std::size_t calls = 0, planned = 0, findings = 0, events = 0;
};

Run scan_once(const std::vector<std::string>& command, bool record, const assay::scan::RuleSet& rules) {
  const auto start = Clock::now();
  dyn::DynamicOptions options;  // the defaults mcp-assay scan uses
  dyn::LiveFuzz fuzz(options, rules.payloads, command);
  assay::mcp::LaunchSpec spec;
  spec.argv = fuzz.command();
  spec.working_dir = ASSAY_SOURCE_DIR;
  spec.sandbox.enabled = true;
  spec.sandbox.work_dir = fuzz.work_dir().path();
  spec.sandbox.record = record;
  assay::mcp::ClientLimits limits;
  limits.total_timeout = std::chrono::seconds(static_cast<long>(options.seconds) + 120);
  auto live = assay::mcp::fetch_inventory_stdio(
      spec, limits, [&](assay::mcp::StdioSession& session, const assay::Inventory& inv) {
        fuzz.fuzz(spec, limits, session, inv);
      });
  dyn::LiveFuzz::Context context;
  context.server = live.inventory.server.name;
  if (live.sandbox) context.first_events = live.sandbox->events;
  dyn::DynamicReport report;
  Run r;
  r.findings = fuzz.findings(context, rules.metadata, rules.dynamic, &report).size();
  r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.calls = report.calls;
  r.planned = report.planned_calls;
  r.events = context.first_events.size();
  return r;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::strcmp(argv[i], "--runs") == 0) runs = std::max(1, std::atoi(argv[i + 1]));
  auto rules = assay::scan::load_rule_set(std::string(ASSAY_SOURCE_DIR) + "/rules");
  const std::string modules = std::string(ASSAY_SOURCE_DIR) + "/testdata/node_modules/@modelcontextprotocol/";
  const std::vector<std::pair<std::string, std::vector<std::string>>> servers = {
      {"server-everything", {"node", modules + "server-everything/dist/index.js", "stdio"}},
      {"server-filesystem", {"node", modules + "server-filesystem/dist/index.js", "{workdir}/root"}},
  };
  std::printf("full default dynamic scan (40 calls per tool, 20 s budget), median of %d runs\n", runs);
  std::printf("%-18s %-10s %9s %7s %8s %8s %7s\n", "server", "recording", "wall s", "calls", "calls/s", "events", "finds");
  for (const auto& [name, command] : servers) {
    std::vector<double> on, off;
    Run last_on, last_off;
    for (int i = 0; i < runs; ++i) {
      last_on = scan_once(command, true, rules);
      on.push_back(last_on.seconds);
      last_off = scan_once(command, false, rules);
      off.push_back(last_off.seconds);
    }
    double m_on = median(on), m_off = median(off);
    std::printf("%-18s %-10s %9.2f %7zu %8.1f %8zu %7zu\n", name.c_str(), "on", m_on, last_on.calls,
                last_on.calls / m_on, last_on.events, last_on.findings);
    std::printf("%-18s %-10s %9.2f %7zu %8.1f %8zu %7zu\n", name.c_str(), "off", m_off, last_off.calls,
                last_off.calls / m_off, last_off.events, last_off.findings);
    std::printf("%-18s share of wall time in recording: %.0f%% (on/off %.2fx); %zu of %zu planned calls made\n",
                name.c_str(), m_on > 0 ? 100.0 * (m_on - m_off) / m_on : 0.0, m_off > 0 ? m_on / m_off : 0.0,
                last_on.calls, last_on.planned);
  }
  return 0;
}
