// Baselines, candidates, field-aware ordering and budgets.
#include "scanner/fuzz/fuzz_plan.h"

#include <algorithm>
#include <tuple>

#include "scanner/fuzz/field_walker.h"
#include "scanner/fuzz/placeholders.h"
#include "scanner/fuzz/value_generator.h"
#include "scanner/model/inventory.h"

namespace assay::fuzz {
namespace {

using nlohmann::json;

// How far behind a role-matched payload the others start: the first three payloads of every
// class a field's role asks for come before any class it does not, and those before the
// generic ones (type confusion, oversized). Fields an enum or const pins down come later still:
// a validating server rejects anything else there.
constexpr int kTierOffset[] = {0, 2, 4};
constexpr int kConstrainedPenalty = 3;

struct Candidate {
  std::size_t field = 0, cls = 0, payload = 0;
  int tier = 0;
  int priority = 0;
  std::uint64_t shuffle = 0;
};

bool intersects(const std::vector<FieldRole>& a, const std::vector<FieldRole>& b) {
  return std::any_of(a.begin(), a.end(), [&](FieldRole r) { return std::find(b.begin(), b.end(), r) != b.end(); });
}

json fill_json(const json& v, const PlaceholderValues& values) {
  if (v.is_string()) return fill_placeholders(v.get<std::string>(), values);
  if (v.is_array()) {
    json out = json::array();
    for (const auto& item : v) out.push_back(fill_json(item, values));
    return out;
  }
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) out[fill_placeholders(it.key(), values)] = fill_json(it.value(), values);
    return out;
  }
  return v;
}

std::string as_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

FuzzCall baseline_call(const std::string& tool, const json& arguments, const PlanOptions& options) {
  FuzzCall c;
  c.tool = tool;
  c.index = 0;
  c.baseline = true;
  c.canary = make_canary(options.seed, tool, 0, options.paths);
  c.arguments = arguments;
  return c;
}

}  // namespace

Baseline make_baseline(const json& input_schema, const PlanPaths& paths, const SchemaLimits& limits) {
  SchemaDocument doc(input_schema, limits);
  SchemaValidator validator(doc);
  ValueGenerator generator(doc, validator, paths.root);
  Baseline b;
  auto v = generator.generate(doc.root());
  // Tool arguments are always an object; a schema that does not say so (`{}`, only `$schema`)
  // still gets one.
  if (!v || !v->is_object()) v = generator.generate(json{{"allOf", json::array({doc.root(), {{"type", "object"}}})}});
  if (v && v->is_object()) {
    b.arguments = std::move(*v);
  } else {
    b.arguments = json::object();
    doc.note("no object satisfies the inputSchema; the baseline is {}");
  }
  ValidationResult r = validator.validate(b.arguments);
  b.valid = r.valid();
  b.issues = std::move(r.issues);
  b.unchecked_patterns = r.unchecked_patterns;
  b.notes = doc.notes();
  return b;
}

ToolPlan plan_tool(const Tool& tool, const std::vector<PayloadClass>& classes, const PlanOptions& options) {
  ToolPlan plan;
  plan.tool = tool.name;
  Baseline base = make_baseline(tool.input_schema, options.paths, options.limits);
  plan.baseline = base.arguments;
  plan.baseline_valid = base.valid;
  plan.baseline_issues = base.issues;
  plan.unchecked_patterns = base.unchecked_patterns;

  SchemaDocument doc(tool.input_schema, options.limits);
  SchemaValidator validator(doc);
  ValueGenerator generator(doc, validator, options.paths.root);
  std::vector<Field> fields = walk_fields(doc, validator, generator, plan.baseline, {options.max_fields, options.limits.soft_depth + 2});
  plan.notes = base.notes;
  for (const auto& n : doc.notes())
    if (std::find(plan.notes.begin(), plan.notes.end(), n) == plan.notes.end()) plan.notes.push_back(n);
  for (const auto& f : fields) plan.fields.push_back({f.path, f.roles, f.accepts_string, f.constrained});

  std::vector<Candidate> candidates;
  for (std::size_t fi = 0; fi < fields.size(); ++fi) {
    const Field& f = fields[fi];
    for (std::size_t ci = 0; ci < classes.size(); ++ci) {
      const PayloadClass& c = classes[ci];
      if (c.applies_to == Applicability::string && !f.accepts_string) continue;
      int tier = intersects(c.roles, f.roles) ? 0 : c.roles.empty() ? 2 : 1;
      std::uint64_t shuffle = mix_hash(options.seed, tool.name + "\n" + f.path + "\n" + c.id);
      for (std::size_t pi = 0; pi < c.payloads.size(); ++pi) {
        if (c.applies_to == Applicability::wrong_type && validator.accepts(c.payloads[pi].value, f.schema)) continue;
        int priority = static_cast<int>(pi) + kTierOffset[tier] + (f.constrained ? kConstrainedPenalty : 0);
        candidates.push_back({fi, ci, pi, tier, priority, shuffle});
      }
    }
  }
  plan.candidates = candidates.size();
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return std::tie(a.priority, a.tier, a.shuffle, a.field, a.cls, a.payload) <
           std::tie(b.priority, b.tier, b.shuffle, b.field, b.cls, b.payload);
  });

  plan.calls.push_back(baseline_call(tool.name, plan.baseline, options));
  for (const Candidate& cand : candidates) {
    if (static_cast<int>(plan.calls.size()) >= options.budget.calls_per_tool) break;
    const Field& f = fields[cand.field];
    const PayloadClass& c = classes[cand.cls];
    const Payload& p = c.payloads[cand.payload];
    FuzzCall call;
    call.tool = tool.name;
    call.index = static_cast<int>(plan.calls.size());
    call.field_path = f.path;
    call.field_pointer = f.pointer;
    call.field_roles = f.roles;
    call.payload_class = c.id;
    call.payload_id = p.id;
    call.oracle = p.oracle;
    call.tier = cand.tier;
    call.canary = make_canary(options.seed, tool.name, call.index, options.paths);
    PlaceholderValues values{call.canary, options.paths, as_text(f.baseline_value)};
    json value = fill_json(p.value, values);
    if (p.repeat > 1 && value.is_string()) {
      std::string unit = value.get<std::string>(), repeated;
      repeated.reserve(unit.size() * p.repeat);
      for (std::size_t k = 0; k < p.repeat; ++k) repeated += unit;
      value = std::move(repeated);
    }
    call.expect = fill_placeholders(p.expect, values);
    // An echoing server must not confirm a computed-output payload (the loader checks the
    // sample fill; {baseline} text could still contain it).
    if (p.oracle == Oracle::canary_in_output && as_text(value).find(call.expect) != std::string::npos) continue;
    for (const auto& s : p.setup)
      call.setup.push_back({s.kind, fill_placeholders(s.path, values), fill_placeholders(s.target, values),
                            fill_placeholders(s.content, values)});
    call.arguments = f.carrier;
    call.arguments[json::json_pointer(f.pointer)] = std::move(value);
    plan.calls.push_back(std::move(call));
  }
  return plan;
}

FuzzPlan plan_fuzzing(const Inventory& inventory, const std::vector<PayloadClass>& classes, const PlanOptions& options) {
  FuzzPlan plan;
  plan.options = options;
  for (const auto& tool : inventory.tools) plan.tools.push_back(plan_tool(tool, classes, options));
  std::size_t cap = options.budget.calls_per_scan > 0 ? static_cast<std::size_t>(options.budget.calls_per_scan) : SIZE_MAX;
  std::vector<std::size_t> kept(plan.tools.size(), 0);
  for (std::size_t round = 0; plan.scan_order.size() < cap; ++round) {
    bool any = false;
    for (std::size_t t = 0; t < plan.tools.size() && plan.scan_order.size() < cap; ++t) {
      if (round >= plan.tools[t].calls.size()) continue;
      plan.scan_order.emplace_back(t, round);
      kept[t] = round + 1;
      any = true;
    }
    if (!any) break;
  }
  for (std::size_t t = 0; t < plan.tools.size(); ++t) plan.tools[t].calls.resize(kept[t]);
  return plan;
}

std::vector<const FuzzCall*> calls_named_in(const FuzzPlan& plan, std::string_view text) {
  std::vector<const FuzzCall*> out;
  for (const auto& token : find_canary_tokens(text))
    for (const auto& t : plan.tools)
      for (const auto& c : t.calls)
        if (c.canary.token == token) out.push_back(&c);
  return out;
}

}  // namespace assay::fuzz
