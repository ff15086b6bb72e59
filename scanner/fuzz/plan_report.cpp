// Rendering of fuzzing plans.
#include "scanner/fuzz/plan_report.h"

#include <sstream>

namespace assay::fuzz {
namespace {

using nlohmann::json;

json roles_json(const std::vector<FieldRole>& roles) {
  json out = json::array();
  for (auto r : roles) out.push_back(std::string(to_string(r)));
  return out;
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// Long payloads shown as their start and their size.
std::string shorten(const std::string& s, size_t max = 160) {
  if (s.size() <= max) return s;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "…(" + std::to_string(s.size()) + " bytes)";
}

}  // namespace

json to_json(const FuzzCall& c) {
  json j = {{"tool", c.tool}, {"index", c.index}, {"baseline", c.baseline}, {"oracle", std::string(to_string(c.oracle))},
            {"canary", {{"token", c.canary.token}, {"file", c.canary.file}, {"command", c.canary.command},
                        {"host", c.canary.host}, {"port", c.canary.port}}},
            {"arguments", c.arguments}};
  if (!c.baseline) {
    j["field"] = c.field_path;
    j["pointer"] = c.field_pointer;
    j["roles"] = roles_json(c.field_roles);
    j["class"] = c.payload_class;
    j["payload"] = c.payload_id;
    j["tier"] = c.tier;
  }
  if (!c.expect.empty()) j["expect"] = c.expect;
  if (!c.setup.empty()) {
    json setup = json::array();
    for (const auto& s : c.setup) {
      if (s.kind == SetupAction::Kind::symlink)
        setup.push_back({{"symlink", s.path}, {"target", s.target}});
      else
        setup.push_back({{"file", s.path}, {"content", s.content}});
    }
    j["setup"] = setup;
  }
  return j;
}

json to_json(const ToolPlan& p) {
  json fields = json::array();
  for (const auto& f : p.fields)
    fields.push_back({{"path", f.path}, {"roles", roles_json(f.roles)}, {"accepts_string", f.accepts_string},
                      {"constrained", f.constrained}});
  json issues = json::array();
  for (const auto& i : p.baseline_issues) issues.push_back({{"pointer", i.pointer}, {"message", i.message}});
  json calls = json::array();
  for (const auto& c : p.calls) calls.push_back(to_json(c));
  return {{"tool", p.tool},          {"baseline", p.baseline}, {"baseline_valid", p.baseline_valid},
          {"baseline_issues", issues}, {"unchecked_patterns", p.unchecked_patterns}, {"notes", p.notes},
          {"fields", fields},         {"candidates", p.candidates}, {"calls", calls}};
}

json to_json(const FuzzPlan& plan) {
  const PlanOptions& o = plan.options;
  json tools = json::array();
  for (const auto& t : plan.tools) tools.push_back(to_json(t));
  json order = json::array();
  for (const auto& [t, c] : plan.scan_order) order.push_back({t, c});
  return {{"seed", o.seed},
          {"budget", {{"calls_per_tool", o.budget.calls_per_tool}, {"calls_per_scan", o.budget.calls_per_scan},
                      {"seconds_per_scan", o.budget.seconds_per_scan}}},
          {"paths", {{"home", o.paths.home}, {"work", o.paths.work}, {"root", o.paths.root}}},
          {"total_calls", plan.total_calls()},
          {"tools", tools},
          {"scan_order", order}};
}

std::string plan_to_text(const FuzzPlan& plan) {
  std::ostringstream out;
  for (const auto& t : plan.tools) {
    out << "tool " << t.tool << ": " << t.calls.size() << " call" << (t.calls.size() == 1 ? "" : "s") << " of "
        << t.candidates + 1 << " possible, " << t.fields.size() << " field" << (t.fields.size() == 1 ? "" : "s")
        << (t.baseline_valid ? "" : ", baseline NOT valid") << "\n";
    for (const auto& i : t.baseline_issues) out << "  baseline issue at " << i.pointer << ": " << i.message << "\n";
    for (const auto& n : t.notes) out << "  note: " << n << "\n";
    for (const auto& c : t.calls) {
      out << "  #" << c.index << " ";
      if (c.baseline) {
        out << "baseline";
      } else {
        out << c.field_path << "  " << c.payload_class << "/" << c.payload_id << "  " << to_string(c.oracle);
      }
      out << "  " << shorten(dump(c.arguments)) << "\n";
    }
  }
  out << plan.total_calls() << " calls for " << plan.tools.size() << " tool" << (plan.tools.size() == 1 ? "" : "s")
      << " (seed " << plan.options.seed << ", at most " << plan.options.budget.calls_per_tool << " per tool";
  if (plan.options.budget.calls_per_scan > 0) out << ", " << plan.options.budget.calls_per_scan << " per scan";
  out << ")\n";
  return out.str();
}

}  // namespace assay::fuzz
