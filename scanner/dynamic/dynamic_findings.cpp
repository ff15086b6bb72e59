// Building findings from confirmations; evidence never holds the run's temporary paths, so the
// fingerprint is the same for the same seed on every run.
#include "scanner/dynamic/dynamic_findings.h"

#include <map>

#include "scanner/dynamic/work_dir.h"
#include "scanner/mcp/escape.h"

namespace assay::dynamic {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  if (from.empty()) return s;
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
  return s;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) text = replace_all(text, "{" + key + "}", value);
  return text;
}

}  // namespace

std::string arguments_evidence(const nlohmann::json& arguments, std::size_t max_bytes) {
  return mcp::escape_for_message(arguments.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), max_bytes);
}

std::vector<Finding> make_findings(const DynamicTrace& trace, const std::vector<Confirmation>& confirmations,
                                   const std::vector<DynamicRule>& rules, const FindingPlaces& places) {
  auto stable = [&](std::string s) { return replace_all(std::move(s), trace.work_dir, kWorkDirPlaceholder); };
  // Group: (signal, tool, field, group) -> confirmations in order.
  std::map<std::tuple<int, std::string, std::string, std::string>, std::vector<const Confirmation*>> groups;
  std::vector<std::tuple<int, std::string, std::string, std::string>> order;
  for (const auto& c : confirmations) {
    const fuzz::FuzzCall* call = c.call >= 0 ? &trace.calls[c.call].call : nullptr;
    auto key = std::make_tuple(static_cast<int>(c.signal), call ? call->tool : std::string(),
                               call ? call->field_path : std::string(), c.group);
    auto& g = groups[key];
    if (g.empty()) order.push_back(key);
    g.push_back(&c);
  }
  std::vector<Finding> out;
  for (const auto& key : order) {
    const auto& group = groups[key];
    const Confirmation& c = *group.front();
    const DynamicRule* rule = rule_for(rules, c.signal);
    if (!rule) continue;
    const CallTrace* ct = c.call >= 0 ? &trace.calls[c.call] : nullptr;
    const fuzz::FuzzCall* call = ct ? &ct->call : nullptr;
    Finding f;
    f.rule_id = rule->info.id;
    f.rule_name = rule->info.name;
    f.severity = rule->info.severity;
    f.confidence = rule->info.confidence;
    f.server = places.server;
    std::string field = call && !call->field_path.empty() ? call->field_path : "(baseline arguments)";
    std::string payload = call ? (call->baseline ? "baseline" : call->payload_class + "/" + call->payload_id) : "";
    f.message = stable(fill(rule->message, {{"tool", call ? mcp::escape_for_message(call->tool, 80) : ""},
                                            {"field", mcp::escape_for_message(field, 80)},
                                            {"payload", payload},
                                            {"detail", c.detail}}));
    if (group.size() > 1)
      f.message += " (" + std::to_string(group.size() - 1) + " more payload" + (group.size() > 2 ? "s" : "") +
                   " confirmed it)";

    std::string evidence;
    if (call)
      evidence = "tools/call " + mcp::escape_for_message(call->tool, 80) + " " + arguments_evidence(call->arguments) +
                 " | payload " + payload + " | ";
    evidence += "oracle " + c.oracle + " | " + c.detail;
    f.evidence = stable(evidence);

    Location loc;
    if (call) {
      loc.logical = places.server + "/tools/" + call->tool + (call->field_path.empty() ? "" : "/arguments/" + call->field_path);
      if (places.tool_location) loc.physical = places.tool_location(call->tool);
    } else if (c.signal == Signal::rug_pull) {
      loc.logical = places.server + "/declarations";
      loc.physical = places.inventory;
    } else {
      loc.logical = places.server + "/behaviour/" + std::string(to_string(c.signal));
      if (c.incarnation >= 0 && static_cast<std::size_t>(c.incarnation) < trace.incarnations.size() &&
          !trace.incarnations[c.incarnation].events_file.empty()) {
        loc.physical.file = trace.incarnations[c.incarnation].events_file;
        loc.physical.start_line = static_cast<int>(c.event_index) + 1;
      } else {
        loc.physical = places.inventory;
      }
    }
    f.locations.push_back(std::move(loc));
    f.fingerprint = compute_fingerprint(f);
    // Events go after the fingerprint: their order and count may vary between runs.
    std::vector<std::string> events;
    for (const auto* g : group)
      for (const auto& e : g->events)
        if (events.size() < 6) events.push_back(e);
    if (!events.empty()) {
      f.evidence += " | events:";
      for (const auto& e : events) f.evidence += " " + stable(e) + ";";
      f.evidence.pop_back();
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace assay::dynamic
