// Builds recorded traces for the dynamic oracles' unit tests: a plan's calls with time windows,
// and sandbox events placed in them, without launching anything.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "scanner/dynamic/trace.h"
#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/model/inventory.h"

namespace assay::testing {

inline const std::vector<fuzz::PayloadClass>& payload_classes() {
  static const auto c = fuzz::load_payload_classes(source_path("rules/payloads"));
  return c;
}

// A trace over one tool `name` with the given input schema: its plan (work dir /w, root /w/root,
// home /home/alex), every planned call answered in turn, call i in the window [10+i, 10.5+i].
inline dynamic::DynamicTrace planned_trace(const std::string& name, const std::string& schema, int calls = 60) {
  Inventory inv;
  Tool t;
  t.name = name;
  t.input_schema = nlohmann::json::parse(schema);
  inv.tools.push_back(t);
  fuzz::PlanOptions o;
  o.budget.calls_per_tool = calls;
  o.paths = {"/home/alex", "/w", "/w/root"};
  dynamic::DynamicTrace trace;
  trace.plan = fuzz::plan_fuzzing(inv, payload_classes(), o);
  trace.home = "/home/alex";
  trace.work_dir = "/w";
  trace.root = "/w/root";
  trace.incarnations.emplace_back();
  trace.incarnations[0].first_call = 10;
  for (std::size_t i = 0; i < trace.plan.scan_order.size(); ++i) {
    const auto& [ti, ci] = trace.plan.scan_order[i];
    dynamic::CallTrace c;
    c.call = trace.plan.tools[ti].calls[ci];
    c.start = 10 + static_cast<double>(i);
    c.end = c.start + 0.5;
    trace.calls.push_back(c);
  }
  return trace;
}

// The index of the first call of `payload_class` (and `payload_id` when given); -1 if none.
inline int call_of(const dynamic::DynamicTrace& t, const std::string& payload_class, const std::string& payload_id = "") {
  for (std::size_t i = 0; i < t.calls.size(); ++i)
    if (t.calls[i].call.payload_class == payload_class && (payload_id.empty() || t.calls[i].call.payload_id == payload_id))
      return static_cast<int>(i);
  return -1;
}

inline sandbox::Event event_at(double time, sandbox::EventKind kind) {
  sandbox::Event e;
  e.time = time;
  e.kind = kind;
  e.pid = 42;
  return e;
}

// An event inside call i's window.
inline sandbox::Event during(const dynamic::DynamicTrace& t, int call, sandbox::EventKind kind) {
  return event_at(t.calls[call].start + 0.1, kind);
}

}  // namespace assay::testing
