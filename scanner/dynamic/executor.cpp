// Running a fuzz plan live. The server is hostile: every call has a deadline, a dead or stuck
// server is restarted (a bounded number of times), and the scan's own time budget is kept.
#include "scanner/dynamic/executor.h"

#include <signal.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "scanner/dynamic/call_result.h"
#include "scanner/mcp/escape.h"
#include "scanner/mcp/handshake.h"
#include "scanner/mcp/list_pages.h"
#include "scanner/model/error.h"

namespace assay::dynamic {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// How long processes started by the calls get to exit after the last answer before they count
// as left running.
constexpr std::chrono::milliseconds kLeftRunningGrace{300};
// A server that announces list changes after every call must not turn the scan into listings.
constexpr int kMaxRelistsOnNotice = 5;

bool advertises(const Inventory& inv, const char* capability) {
  return inv.server.capabilities.is_object() && inv.server.capabilities.contains(capability);
}

bool process_alive(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

}  // namespace

struct Executor::State {
  DynamicTrace trace;
  mcp::StdioSession* session = nullptr;
  int incarnation = 0;
  bool needs_restart = false;
  int restarts = 0;
  Clock::time_point started;
  const Inventory* inventory = nullptr;
  int relists_on_notice = 0;
};

Executor::Executor(mcp::LaunchSpec spec, mcp::ClientLimits limits, const WorkDir& work,
                   const std::vector<fuzz::PayloadClass>& classes, ExecutorOptions options)
    : spec_(std::move(spec)), limits_(limits), work_(work), classes_(classes), options_(options) {}

Executor::~Executor() = default;

DynamicTrace Executor::run(mcp::StdioSession& first, const Inventory& inventory) {
  State s;
  s.session = &first;
  s.inventory = &inventory;
  s.trace.incarnations.emplace_back();
  if (auto outcome = first.sandbox_outcome()) s.trace.home = outcome->home;
  s.trace.work_dir = work_.path();
  s.trace.root = work_.root();

  fuzz::PlanOptions plan_options;
  plan_options.seed = options_.seed;
  plan_options.budget = options_.budget;
  plan_options.paths = {s.trace.home.empty() ? plan_options.paths.home : s.trace.home, work_.path(), work_.root()};
  s.trace.plan = fuzz::plan_fuzzing(inventory, classes_, plan_options);

  for (const auto& tool : s.trace.plan.tools)
    if (!tool.calls.empty()) work_.plant_bait(tool.calls.front().arguments, tool.calls.front().canary.token);
  s.trace.initial = list_now(s, inventory);
  s.started = Clock::now();
  const double budget = options_.budget.seconds_per_scan;
  for (const auto& [t, c] : s.trace.plan.scan_order) {
    double elapsed = std::chrono::duration<double>(Clock::now() - s.started).count();
    if (budget > 0 && elapsed >= budget) {
      s.trace.notes.push_back("the fuzz time budget of " + std::to_string(static_cast<int>(budget)) + " s ran out after " +
                              std::to_string(s.trace.calls.size()) + " of " +
                              std::to_string(s.trace.plan.scan_order.size()) + " planned calls");
      break;
    }
    if (s.needs_restart && !restart(s)) break;
    call_one(s, s.trace.plan.tools[t].calls[c]);
  }
  s.trace.seconds = std::chrono::duration<double>(Clock::now() - s.started).count();
  if (s.needs_restart && !restart(s)) {
    end_incarnation(s);
    return std::move(s.trace);
  }
  find_left_running(s);
  relist(s, inventory, "after the calls");
  end_incarnation(s);
  return std::move(s.trace);
}

void Executor::call_one(State& s, const fuzz::FuzzCall& call) {
  CallTrace ct;
  ct.call = call;
  ct.incarnation = s.incarnation;
  if (std::string why = work_.plant(call.setup); !why.empty()) {
    ct.outcome = CallOutcome::not_sent;
    ct.detail = why;
    s.trace.calls.push_back(std::move(ct));
    return;
  }
  mcp::StdioSession& session = *s.session;
  Incarnation& inc = s.trace.incarnations[s.incarnation];
  ct.start = session.sandbox_clock();
  if (inc.first_call < 0) inc.first_call = ct.start;
  json params = {{"name", call.tool}, {"arguments", call.arguments}};
  try {
    mcp::RpcResponse response = session.request("tools/call", params, options_.call_timeout);
    ct.end = session.sandbox_clock();
    ct.outcome = response.ok() ? CallOutcome::answered : CallOutcome::rpc_error;
    ct.is_error = response.ok() && response.result.is_object() && response.result.value("isError", false) == true;
    ct.result_text = result_text(response);
    if (!response.ok()) ct.detail = mcp::describe(*response.error);
  } catch (const AssayError& e) {
    ct.end = session.sandbox_clock();
    ct.detail = mcp::escape_for_message(e.what(), 300);
    if (session.failed()) {
      ct.outcome = CallOutcome::crashed;
      s.needs_restart = true;
    } else {
      // A tool may be slow on purpose (a sleep, a long fetch); only a server that no longer
      // answers ping is stuck.
      try {
        session.request("ping", json::object(), options_.ping_timeout);
        ct.outcome = CallOutcome::slow;
      } catch (const AssayError&) {
        ct.outcome = CallOutcome::hung;
        ct.detail = "no answer within " + std::to_string(options_.call_timeout.count()) +
                    " ms, and no answer to ping within " + std::to_string(options_.ping_timeout.count()) + " ms";
        session.close(std::chrono::milliseconds(0));
        s.needs_restart = true;
      }
    }
  }
  inc.last_call_end = ct.end;
  std::error_code ec;
  ct.canary_file_found = !call.canary.file.empty() && std::filesystem::exists(call.canary.file, ec);
  s.trace.calls.push_back(std::move(ct));
  if (s.needs_restart || s.relists_on_notice >= kMaxRelistsOnNotice) return;
  for (const auto& method : session.take_notifications())
    if (method == "notifications/tools/list_changed" || method == "notifications/prompts/list_changed" ||
        method == "notifications/resources/list_changed") {
      ++s.relists_on_notice;
      relist(s, *s.inventory, "after " + method + " following call " + std::to_string(call.index + 1) + " of tool '" + call.tool + "'");
      break;
    }
}

bool Executor::restart(State& s) {
  end_incarnation(s);
  if (s.restarts >= options_.max_restarts) {
    s.trace.notes.push_back("stopped after restarting the server " + std::to_string(s.restarts) + " times");
    return false;
  }
  ++s.restarts;
  try {
    auto session = std::make_unique<mcp::StdioSession>(spec_, limits_);
    session->initialize();
    restarted_.push_back(std::move(session));
  } catch (const AssayError& e) {
    s.trace.notes.push_back(std::string("the server could not be restarted: ") + mcp::escape_for_message(e.what(), 300));
    return false;
  }
  s.session = restarted_.back().get();
  s.incarnation = static_cast<int>(s.trace.incarnations.size());
  s.trace.incarnations.emplace_back();
  s.needs_restart = false;
  return true;
}

Declarations Executor::list_now(State& s, const Inventory& inventory) {
  Declarations d;
  std::vector<std::string> warnings;
  mcp::RequestFn request = [&s](const std::string& method, const json& params) {
    return s.session->request(method, params);
  };
  mcp::ListBounds bounds{limits_.max_pages, limits_.max_items};
  try {
    if (advertises(inventory, "tools")) d.tools = mcp::list_all_pages(request, "tools/list", "tools", bounds, warnings);
    if (advertises(inventory, "prompts")) d.prompts = mcp::list_all_pages(request, "prompts/list", "prompts", bounds, warnings);
    if (advertises(inventory, "resources"))
      d.resources = mcp::list_all_pages(request, "resources/list", "resources", bounds, warnings);
  } catch (const AssayError& e) {
    s.trace.notes.push_back(std::string("listing again failed: ") + mcp::escape_for_message(e.what(), 300));
    if (s.session->failed()) s.needs_restart = true;
  }
  return d;
}

void Executor::relist(State& s, const Inventory& inventory, std::string when) {
  Inventory asked = inventory;
  // Relist what the first listing had, so a capability the server drops shows as removals.
  if (!s.trace.initial.tools.empty()) asked.server.capabilities["tools"] = json::object();
  if (!s.trace.initial.prompts.empty()) asked.server.capabilities["prompts"] = json::object();
  if (!s.trace.initial.resources.empty()) asked.server.capabilities["resources"] = json::object();
  Relisting r;
  r.when = std::move(when);
  r.declarations = list_now(s, asked);
  if (!s.needs_restart) s.trace.relistings.push_back(std::move(r));
}

void Executor::find_left_running(State& s) {
  auto outcome = s.session->sandbox_outcome();
  const Incarnation& inc = s.trace.incarnations[s.incarnation];
  if (!outcome || inc.first_call < 0) return;
  std::this_thread::sleep_for(kLeftRunningGrace);
  const int server = s.session->pid();
  std::set<int> seen;
  for (const auto& e : outcome->events) {
    if (e.kind != sandbox::EventKind::exec || e.time < inc.first_call || e.pid <= 0 || e.pid == server) continue;
    if (!seen.insert(e.pid).second || !process_alive(e.pid)) continue;
    LeftRunning p;
    p.pid = e.pid;
    p.program = e.path;
    for (const auto& a : e.argv) p.argv += (p.argv.empty() ? "" : " ") + a;
    s.trace.left_running.push_back(std::move(p));
  }
}

void Executor::end_incarnation(State& s) {
  s.session->close(std::chrono::milliseconds(500));
  if (auto outcome = s.session->sandbox_outcome()) s.trace.incarnations[s.incarnation].events = std::move(outcome->events);
}

}  // namespace assay::dynamic
