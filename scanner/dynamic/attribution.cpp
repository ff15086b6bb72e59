// Attributing sandbox events to fuzzed calls: tokens first (exact), time windows second.
#include "scanner/dynamic/attribution.h"

#include <algorithm>
#include <tuple>

#include "scanner/fuzz/canary.h"

namespace assay::dynamic {

Attributor::Attributor(const DynamicTrace& trace) : trace_(trace), windows_(trace.incarnations.size()) {
  for (std::size_t i = 0; i < trace.calls.size(); ++i) {
    const CallTrace& c = trace.calls[i];
    if (!c.call.canary.token.empty()) by_token_[c.call.canary.token] = static_cast<int>(i);
    if (c.call.canary.port > 0) by_port_[c.call.canary.port] = static_cast<int>(i);
    if (c.outcome == CallOutcome::not_sent) continue;
    if (c.incarnation >= 0 && static_cast<std::size_t>(c.incarnation) < windows_.size())
      windows_[c.incarnation].emplace_back(c.start, c.end, static_cast<int>(i));
  }
  for (auto& w : windows_) std::sort(w.begin(), w.end());
}

std::string Attributor::searchable_text(const sandbox::Event& e) {
  std::string text = e.path;
  for (const auto* s : {&e.path2, &e.name, &e.data, &e.detail}) {
    text += '\n';
    text += *s;
  }
  for (const auto& a : e.argv) {
    text += '\n';
    text += a;
  }
  return text;
}

std::vector<int> Attributor::calls_named_in(std::string_view text) const {
  std::vector<int> out;
  for (const auto& token : fuzz::find_canary_tokens(text))
    if (auto it = by_token_.find(token); it != by_token_.end()) out.push_back(it->second);
  return out;
}

int Attributor::call_with_port(int port) const {
  auto it = by_port_.find(port);
  return it == by_port_.end() ? -1 : it->second;
}

Attribution Attributor::attribute(int incarnation, const sandbox::Event& e) const {
  Attribution a;
  if (incarnation < 0 || static_cast<std::size_t>(incarnation) >= trace_.incarnations.size()) return a;
  const Incarnation& inc = trace_.incarnations[incarnation];
  if (inc.first_call < 0 || e.time < inc.first_call) {
    a.phase = Phase::start_up;
  } else {
    a.phase = Phase::between_calls;
    for (const auto& [start, end, call] : windows_[incarnation]) {
      if (start > e.time) break;
      if (e.time <= end) {
        a.phase = Phase::in_call;
        a.call = call;
        break;
      }
    }
  }
  if (auto named = calls_named_in(searchable_text(e)); !named.empty()) {
    a.call = named.front();
    a.by_token = true;
  }
  return a;
}

}  // namespace assay::dynamic
