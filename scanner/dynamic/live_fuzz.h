// One dynamic scan of one live server, as run_scan drives it: the work dir and the launch
// command before the server starts, the fuzzing while fetch_live holds the session open, then
// findings, extra events files and the least-privilege profile.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scanner/dynamic/dynamic_rule.h"
#include "scanner/dynamic/executor.h"
#include "scanner/dynamic/trace.h"
#include "scanner/dynamic/work_dir.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/model/finding.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::dynamic {

// The defaults keep a full scan of a typical server (10-15 tools) under 30 s on 2 cores.
struct DynamicOptions {
  std::uint64_t seed = 1;
  int calls_per_tool = 40;                       // --fuzz-calls (the baseline counts as one)
  double seconds = 20;                           // --fuzz-time: all calls of the scan
  std::chrono::milliseconds call_timeout{5000};  // one tools/call
};

// What the CLI may want beyond findings: the trace's counts and the profile.
struct DynamicReport {
  bool ran = false;
  std::size_t tools = 0, planned_calls = 0, calls = 0, server_starts = 0;
  double seconds = 0;
  std::vector<std::string> notes;
  nlohmann::json profile;
};

class LiveFuzz {
 public:
  // Creates the work dir; `command` may hold {workdir}.
  LiveFuzz(const DynamicOptions& options, const std::vector<fuzz::PayloadClass>& classes,
           const std::vector<std::string>& command);
  ~LiveFuzz();

  const WorkDir& work_dir() const { return *work_; }
  const std::vector<std::string>& command() const { return work_->command(); }

  // Runs inside fetch_live, over its open session: plans and executes everything.
  void fuzz(const mcp::LaunchSpec& spec, const mcp::ClientLimits& limits, mcp::StdioSession& session,
            const Inventory& inventory);
  bool fuzzed() const { return trace_ != nullptr; }
  // Sandbox clock of the first call on the first server (-1 if none): earlier events are start-up.
  double first_call_clock() const;

  struct Context {
    std::string server;
    std::string events_file;       // where fetch_live wrote the first server's events
    std::vector<sandbox::Event> first_events;  // the first server's events as fetch_live got them
    std::string inventory_file;
    std::function<PhysicalLocation(const std::string& tool)> tool_location;
    std::string sandbox_level;
  };
  // Judges the trace; writes restarted servers' events beside the first server's
  // (NAME.events.2.jsonl, ...); fills `report`.
  std::vector<Finding> findings(const Context& context, const rules::MetadataEngine& metadata,
                                const std::vector<DynamicRule>& rules, DynamicReport* report);

 private:
  DynamicOptions options_;
  const std::vector<fuzz::PayloadClass>& classes_;
  std::unique_ptr<WorkDir> work_;
  std::unique_ptr<DynamicTrace> trace_;
};

// Writes events as JSON lines (event i on line i+1).
void write_events_jsonl(const std::vector<sandbox::Event>& events, const std::string& path);

}  // namespace assay::dynamic
