// Driving one dynamic scan: executor, oracles, findings, profile.
#include "scanner/dynamic/live_fuzz.h"

#include <fstream>

#include "scanner/dynamic/dynamic_findings.h"
#include "scanner/dynamic/oracles.h"
#include "scanner/dynamic/profile.h"
#include "scanner/model/error.h"

namespace assay::dynamic {

LiveFuzz::LiveFuzz(const DynamicOptions& options, const std::vector<fuzz::PayloadClass>& classes,
                   const std::vector<std::string>& command)
    : options_(options), classes_(classes), work_(std::make_unique<WorkDir>(command)) {}

LiveFuzz::~LiveFuzz() = default;

void LiveFuzz::fuzz(const mcp::LaunchSpec& spec, const mcp::ClientLimits& limits, mcp::StdioSession& session,
                    const Inventory& inventory) {
  ExecutorOptions eo;
  eo.seed = options_.seed;
  eo.budget.calls_per_tool = options_.calls_per_tool;
  eo.budget.seconds_per_scan = options_.seconds;
  eo.call_timeout = options_.call_timeout;
  Executor executor(spec, limits, *work_, classes_, eo);
  trace_ = std::make_unique<DynamicTrace>(executor.run(session, inventory));
}

double LiveFuzz::first_call_clock() const {
  return trace_ && !trace_->incarnations.empty() ? trace_->incarnations.front().first_call : -1;
}

void write_events_jsonl(const std::vector<sandbox::Event>& events, const std::string& path) {
  std::string text;
  for (const auto& e : events) {
    nlohmann::json j = e;
    text += j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    text += '\n';
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw input_error(path + ": cannot write the sandbox events file");
}

std::vector<Finding> LiveFuzz::findings(const Context& context, const rules::MetadataEngine& metadata,
                                        const std::vector<DynamicRule>& rules, DynamicReport* report) {
  if (!trace_) return {};
  DynamicTrace& t = *trace_;
  // The first server's full log is the one fetch_live took after closing the session.
  if (!t.incarnations.empty()) {
    if (!context.first_events.empty()) t.incarnations[0].events = context.first_events;
    t.incarnations[0].events_file = context.events_file;
  }
  for (std::size_t i = 1; i < t.incarnations.size() && !context.events_file.empty(); ++i) {
    std::string base = context.events_file;
    if (base.ends_with(".events.jsonl")) base.resize(base.size() - 13);
    t.incarnations[i].events_file = base + ".events." + std::to_string(i + 1) + ".jsonl";
    write_events_jsonl(t.incarnations[i].events, t.incarnations[i].events_file);
  }
  std::vector<Confirmation> all = judge_calls(t);
  for (auto& c : judge_results(t, metadata)) all.push_back(std::move(c));
  for (auto& c : judge_relistings(t)) all.push_back(std::move(c));
  for (auto& c : judge_unexplained(t)) all.push_back(std::move(c));

  FindingPlaces places;
  places.server = context.server;
  places.tool_location = context.tool_location;
  places.inventory.file = context.inventory_file;
  places.inventory.start_line = 1;
  std::vector<Finding> out = make_findings(t, all, rules, places);
  if (report) {
    report->ran = true;
    report->tools = t.plan.tools.size();
    report->planned_calls = t.plan.scan_order.size();
    report->calls = 0;
    for (const auto& c : t.calls) report->calls += c.outcome != CallOutcome::not_sent;
    report->server_starts = t.incarnations.size();
    report->seconds = t.seconds;
    report->notes = t.notes;
    report->profile = build_profile(t, {context.server, work_->command(), context.sandbox_level});
  }
  return out;
}

}  // namespace assay::dynamic
