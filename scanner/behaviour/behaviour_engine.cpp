// Runtime rule evaluation: match events, group them, and render findings with their evidence.
#include "scanner/behaviour/behaviour_engine.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "scanner/behaviour/event_fields.h"
#include "scanner/mcp/escape.h"

namespace assay::behaviour {
namespace {

bool holds(const FieldCondition& c, const sandbox::Event& e) {
  std::string value = event_field(e, c.field).value_or("");
  switch (c.op) {
    case FieldCondition::Op::any_of:
      return std::find(c.values.begin(), c.values.end(), value) != c.values.end();
    case FieldCondition::Op::regex:
      return RE2::PartialMatch(value, *c.regex);
    case FieldCondition::Op::not_regex:
      return !RE2::PartialMatch(value, *c.regex);
  }
  return false;
}

bool fits(const EventPattern& p, const sandbox::Event& e) {
  if (!p.kinds.empty() && std::find(p.kinds.begin(), p.kinds.end(), e.kind) == p.kinds.end()) return false;
  return std::all_of(p.conditions.begin(), p.conditions.end(), [&](const FieldCondition& c) { return holds(c, e); });
}

std::string fill(const std::string& tmpl, const sandbox::Event& e, size_t count) {
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string::npos) {
        std::string key = tmpl.substr(i + 1, close - i - 1);
        if (key == "count") {
          out += std::to_string(count);
          i = close;
          continue;
        }
        if (auto v = event_field(e, key)) {
          out += mcp::escape_for_message(*v, 200);
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  return out;
}

std::string endpoint(const sandbox::Event& e) {
  std::string out = e.protocol.empty() ? "" : e.protocol + " ";
  bool v6 = e.address.find(':') != std::string::npos;
  out += v6 ? "[" + e.address + "]" : e.address;
  if (e.port) out += ":" + std::to_string(e.port);
  return out;
}

}  // namespace

bool matches(const BehaviourRule& rule, const sandbox::Event& event) {
  if (!fits(rule.when, event)) return false;
  return std::none_of(rule.unless.begin(), rule.unless.end(), [&](const EventPattern& p) { return fits(p, event); });
}

std::string event_evidence(const sandbox::Event& e) {
  using K = sandbox::EventKind;
  std::string out = sandbox::to_string(e.kind);
  out += ' ';
  switch (e.kind) {
    case K::exec: {
      out += mcp::escape_for_message(e.path, 300);
      std::string argv;
      for (const auto& a : e.argv) argv += (argv.empty() ? "" : " ") + a;
      if (!argv.empty()) out += " [" + mcp::escape_for_message(argv, 400) + "]";
      break;
    }
    case K::file_open:
    case K::file_write:
    case K::file_delete:
    case K::file_chmod:
      out += mcp::escape_for_message(e.path, 300);
      if (e.honeytoken) out += " (honeytoken)";
      break;
    case K::file_rename:
      out += mcp::escape_for_message(e.path, 300) + " -> " + mcp::escape_for_message(e.path2, 300);
      break;
    case K::connect:
    case K::sendto:
    case K::bind:
    case K::listen:
    case K::sinkhole_connection:
      out += endpoint(e);
      break;
    case K::sinkhole_data:
      out += endpoint(e);
      if (!e.detail.empty()) out += ": " + mcp::escape_for_message(e.detail, 300);
      break;
    case K::dns_query:
      out += mcp::escape_for_message(e.name, 300) + (e.detail.empty() ? "" : " " + e.detail);
      break;
    case K::signal:
    case K::ptrace:
      out += "target pid " + std::to_string(e.target_pid) + (e.detail.empty() ? "" : " " + mcp::escape_for_message(e.detail, 100));
      break;
    case K::canary_seen:
      out += e.canary + (e.detail.empty() ? "" : " in " + mcp::escape_for_message(e.detail, 200));
      break;
    default:
      out += mcp::escape_for_message(e.detail, 300);
      break;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<Finding> evaluate_behaviour(const std::vector<BehaviourRule>& rules,
                                        const std::vector<sandbox::Event>& events, const BehaviourContext& context) {
  std::vector<Finding> out;
  for (const auto& rule : rules) {
    struct Group {
      size_t first = 0;
      size_t count = 0;
    };
    std::map<std::string, Group> groups;
    std::vector<std::string> order;  // first-seen order, so output follows the run
    for (size_t i = 0; i < events.size(); ++i) {
      if (!matches(rule, events[i])) continue;
      std::string key = rule.group_by.empty() ? std::string() : event_field(events[i], rule.group_by).value_or("");
      auto [it, inserted] = groups.try_emplace(key, Group{i, 0});
      if (inserted) order.push_back(key);
      ++it->second.count;
    }
    for (const auto& key : order) {
      const Group& g = groups[key];
      const sandbox::Event& e = events[g.first];
      Finding f;
      f.rule_id = rule.info.id;
      f.rule_name = rule.info.name;
      f.severity = rule.info.severity;
      f.confidence = rule.info.confidence;
      f.server = context.server;
      Location loc;
      loc.logical = "server/behaviour/" + context.phase;
      if (!context.events_file.empty()) {
        loc.physical.file = context.events_file;
        loc.physical.start_line = static_cast<int>(g.first) + 1;
      }
      f.locations.push_back(loc);
      // The fingerprint follows what was done (rule, phase, the grouped value), not pids or times.
      f.evidence = sandbox::to_string(e.kind) + std::string(" ") + key;
      f.fingerprint = compute_fingerprint(f);
      f.evidence = event_evidence(e);
      if (g.count > 1) f.evidence += " (and " + std::to_string(g.count - 1) + " more like it)";
      f.message = fill(rule.message, e, g.count);
      if (!context.phase.empty()) f.message += " (during " + context.phase + ")";
      out.push_back(std::move(f));
    }
  }
  return out;
}

std::vector<BehaviourExampleResult> run_behaviour_examples(const std::vector<BehaviourRule>& rules) {
  std::vector<BehaviourExampleResult> out;
  for (const auto& rule : rules) {
    for (const auto& ex : rule.must_match) out.push_back({&rule, &ex, true, matches(rule, ex.event)});
    for (const auto& ex : rule.must_not_match) out.push_back({&rule, &ex, false, !matches(rule, ex.event)});
  }
  return out;
}

}  // namespace assay::behaviour
