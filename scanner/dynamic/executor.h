// The live half of the dynamic scan: runs a fuzz plan against a server in the sandbox, one call
// at a time with a deadline each, plants each call's setup, restarts a server that crashed or
// hung, keeps the budgets, relists the declarations, and returns what happened as a trace.
#pragma once
#include <chrono>
#include <memory>
#include <vector>

#include "scanner/dynamic/trace.h"
#include "scanner/dynamic/work_dir.h"
#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/mcp/stdio_client.h"
#include "scanner/mcp/stdio_session.h"
#include "scanner/model/inventory.h"

namespace assay::dynamic {

struct ExecutorOptions {
  std::uint64_t seed = 1;
  fuzz::FuzzBudget budget;                       // calls per tool and scan; seconds for all calls
  std::chrono::milliseconds call_timeout{5000};  // one tools/call
  std::chrono::milliseconds ping_timeout{1500};  // after a call timed out: is the server alive?
  int max_restarts = 5;
};

class Executor {
 public:
  // `spec` launches the server again after a crash (the same sandbox settings, the same work dir).
  Executor(mcp::LaunchSpec spec, mcp::ClientLimits limits, const WorkDir& work,
           const std::vector<fuzz::PayloadClass>& classes, ExecutorOptions options);
  ~Executor();

  // Fuzzes over `first`, an initialized session whose declarations are `inventory`; closes it at
  // the end. Never throws for what the server does: failures become outcomes and notes.
  DynamicTrace run(mcp::StdioSession& first, const Inventory& inventory);

 private:
  struct State;
  void call_one(State& s, const fuzz::FuzzCall& call);
  bool restart(State& s);
  Declarations list_now(State& s, const Inventory& inventory);
  void relist(State& s, const Inventory& inventory, std::string when);
  void find_left_running(State& s);
  void end_incarnation(State& s);

  mcp::LaunchSpec spec_;
  mcp::ClientLimits limits_;
  const WorkDir& work_;
  const std::vector<fuzz::PayloadClass>& classes_;
  ExecutorOptions options_;
  std::vector<std::unique_ptr<mcp::StdioSession>> restarted_;
};

}  // namespace assay::dynamic
