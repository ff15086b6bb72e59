// What one dynamic run recorded, as plain data: the plan, every call with its time window and
// outcome, and the sandbox events of each server incarnation. The oracles judge only this, so
// they are tested on recorded traces without launching anything.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sandbox/event.h"
#include "scanner/fuzz/fuzz_plan.h"

namespace assay::dynamic {

enum class CallOutcome {
  answered,        // a result (isError or not)
  rpc_error,       // a JSON-RPC error response
  slow,            // no answer by the deadline, but the server still answered ping
  hung,            // no answer by the deadline, and no answer to ping either
  crashed,         // the server exited or broke the session while the call was pending
  not_sent,        // skipped: its setup could not be planted
};
const char* to_string(CallOutcome o);

struct CallTrace {
  fuzz::FuzzCall call;          // a copy: tool, field, payload, oracle, canary, expect, arguments
  int incarnation = 0;          // which server process answered it (0 = the first)
  double start = 0, end = 0;    // the incarnation's sandbox clock around the request
  CallOutcome outcome = CallOutcome::answered;
  bool is_error = false;        // result.isError
  std::string result_text;      // every text of the result (content, structured content, error), bounded
  bool canary_file_found = false;  // the call's canary file exists after the call
  std::string detail;           // exit description, error message (bounded)
};

struct Incarnation {
  std::vector<sandbox::Event> events;
  std::string events_file;      // where they were written (event i on line i+1); may be empty
  double first_call = -1;       // clock when its first call started; -1 = it answered none
  double last_call_end = -1;
};

// One listing of what the server declares, as the protocol gave it (for diffs).
struct Declarations {
  nlohmann::json tools = nlohmann::json::array();
  nlohmann::json prompts = nlohmann::json::array();
  nlohmann::json resources = nlohmann::json::array();
};

struct Relisting {
  std::string when;             // "after the calls", "after notifications/tools/list_changed following call 3 of 'x'"
  Declarations declarations;
};

struct LeftRunning {
  int pid = 0;
  std::string program;          // path of the exec event that started it
  std::string argv;
};

struct DynamicTrace {
  fuzz::FuzzPlan plan;
  std::string home;             // the decoy home as the server saw it
  std::string work_dir;         // the work dir (host path = sandbox path)
  std::string root;             // the root the server was given
  std::vector<CallTrace> calls;
  std::vector<Incarnation> incarnations;
  Declarations initial;
  std::vector<Relisting> relistings;
  std::vector<LeftRunning> left_running;
  std::vector<std::string> notes;  // budget stops, restarts that failed, skipped setups
  double seconds = 0;           // wall time of the calls
};

}  // namespace assay::dynamic
