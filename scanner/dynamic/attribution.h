// Which call an event belongs to: the call whose canary token it names, else the call whose
// time window (its incarnation's sandbox clock from request to answer) holds it.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "sandbox/event.h"
#include "scanner/dynamic/trace.h"

namespace assay::dynamic {

enum class Phase {
  start_up,      // before the incarnation's first call (the runtime rules' job)
  in_call,       // inside a call's window
  between_calls, // after the first call, outside every window (between, after, during relisting)
};

struct Attribution {
  Phase phase = Phase::start_up;
  int call = -1;         // index into trace.calls: by token when named, else by window; -1 none
  bool by_token = false;
};

class Attributor {
 public:
  explicit Attributor(const DynamicTrace& trace);
  Attribution attribute(int incarnation, const sandbox::Event& e) const;
  // The trace calls whose canary token occurs in `text`.
  std::vector<int> calls_named_in(std::string_view text) const;
  // The trace call whose canary port is `port` (0 when none planned one).
  int call_with_port(int port) const;
  // The text of an event a token can hide in: path, path2, argv, name, data, detail.
  static std::string searchable_text(const sandbox::Event& e);

 private:
  const DynamicTrace& trace_;
  std::map<std::string, int> by_token_;
  std::map<int, int> by_port_;
  // Per incarnation: (start, end, call index) sorted by start.
  std::vector<std::vector<std::tuple<double, double, int>>> windows_;
};

}  // namespace assay::dynamic
