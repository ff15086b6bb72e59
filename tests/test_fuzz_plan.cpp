// The planner: one payload per call, field-aware order, determinism under a seed, budgets,
// and canaries the executor can trace back to their call.
#include <doctest/doctest.h>

#include <set>

#include "cli_runner.h"
#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/fuzz/plan_report.h"
#include "scanner/model/inventory.h"

using namespace assay::fuzz;
using nlohmann::json;

namespace {

const std::vector<PayloadClass>& classes() {
  static const auto c = load_payload_classes(assay::testing::source_path("rules/payloads"));
  return c;
}

assay::Tool tool(const std::string& name, const std::string& schema) {
  assay::Tool t;
  t.name = name;
  t.input_schema = json::parse(schema);
  return t;
}

const char* kRunCommand = R"({"type":"object","properties":{
  "command":{"type":"string","description":"The shell command to run"},
  "timeout":{"type":"integer","minimum":1,"maximum":600},
  "options":{"type":"object","properties":{"cwd":{"type":"string","description":"Working directory"}}}},
  "required":["command"]})";

PlanOptions options(std::uint64_t seed = 1, int per_tool = 40) {
  PlanOptions o;
  o.seed = seed;
  o.budget.calls_per_tool = per_tool;
  return o;
}

}  // namespace

TEST_SUITE("fuzz-plan") {
  TEST_CASE("the first call is the valid baseline and every other call changes exactly one field") {
    ToolPlan p = plan_tool(tool("run", kRunCommand), classes(), options());
    REQUIRE(p.baseline_valid);
    REQUIRE(p.calls.size() == 40);
    CHECK(p.calls[0].baseline);
    CHECK(p.calls[0].arguments == p.baseline);
    for (size_t i = 1; i < p.calls.size(); ++i) {
      const FuzzCall& c = p.calls[i];
      CAPTURE(c.field_path);
      CHECK(c.index == static_cast<int>(i));
      REQUIRE(c.arguments.contains(json::json_pointer(c.field_pointer)));
      // Everything but the payload's field is the baseline (plus the parent the field needs).
      json rest = c.arguments;
      rest[json::json_pointer(c.field_pointer)] = nullptr;
      json base = p.baseline;
      if (base.contains(json::json_pointer(c.field_pointer))) base[json::json_pointer(c.field_pointer)] = nullptr;
      for (auto it = base.begin(); it != base.end(); ++it)
        if (c.field_pointer.rfind("/" + it.key(), 0) != 0) CHECK(rest[it.key()] == it.value());
    }
  }

  TEST_CASE("a command field gets command injection first, a path field path traversal, a URL field SSRF") {
    auto first_class = [](const std::string& schema, const std::string& field) {
      ToolPlan p = plan_tool(tool("t", schema), classes(), options());
      for (const auto& c : p.calls)
        if (c.field_path == field) return c.payload_class;
      return std::string();
    };
    CHECK(first_class(kRunCommand, "command") == "command-injection");
    CHECK(first_class(R"({"type":"object","properties":{"file_path":{"type":"string"}},"required":["file_path"]})",
                      "file_path") != "ssrf");
    CHECK(first_class(R"({"type":"object","properties":{"url":{"type":"string","format":"uri"}},"required":["url"]})", "url") ==
          "ssrf");
    CHECK(first_class(R"({"type":"object","properties":{"sql":{"type":"string"}},"required":["sql"]})", "sql") ==
          "sql-injection");
  }

  TEST_CASE("nested optional fields are fuzzed under their dotted path with their parent created") {
    ToolPlan p = plan_tool(tool("run", kRunCommand), classes(), options(1, 400));
    bool nested = false;
    for (const auto& c : p.calls)
      if (c.field_path == "options.cwd") {
        nested = true;
        CHECK(c.field_pointer == "/options/cwd");
        CHECK(c.arguments["options"].contains("cwd"));
        CHECK(c.arguments["command"] == p.baseline["command"]);
      }
    CHECK(nested);
  }

  TEST_CASE("the same seed gives the same plan, another seed another order") {
    assay::Tool t = tool("run", kRunCommand);
    json a = to_json(plan_tool(t, classes(), options(7)));
    json b = to_json(plan_tool(t, classes(), options(7)));
    json c = to_json(plan_tool(t, classes(), options(8)));
    CHECK(a == b);
    CHECK(a != c);
  }

  TEST_CASE("the per-tool budget caps calls and the per-scan budget shares calls round-robin") {
    assay::Inventory inv;
    for (int i = 0; i < 3; ++i) inv.tools.push_back(tool("t" + std::to_string(i), kRunCommand));
    PlanOptions o = options(1, 10);
    FuzzPlan plan = plan_fuzzing(inv, classes(), o);
    CHECK(plan.total_calls() == 30);
    o.budget.calls_per_scan = 7;
    plan = plan_fuzzing(inv, classes(), o);
    REQUIRE(plan.total_calls() == 7);
    CHECK(plan.tools[0].calls.size() == 3);
    CHECK(plan.tools[1].calls.size() == 2);
    CHECK(plan.tools[2].calls.size() == 2);
    CHECK(plan.scan_order[0] == std::pair<size_t, size_t>{0, 0});
    CHECK(plan.scan_order[1] == std::pair<size_t, size_t>{1, 0});
  }

  TEST_CASE("each call carries its own canary and the executor can find the call from a recorded path") {
    assay::Inventory inv;
    inv.tools.push_back(tool("run", kRunCommand));
    FuzzPlan plan = plan_fuzzing(inv, classes(), options());
    std::set<std::string> tokens;
    for (const auto& c : plan.tools[0].calls) tokens.insert(c.canary.token);
    CHECK(tokens.size() == plan.tools[0].calls.size());
    const FuzzCall* file_call = nullptr;
    for (const auto& c : plan.tools[0].calls)
      if (c.oracle == Oracle::canary_file && !file_call) file_call = &c;
    REQUIRE(file_call);
    CHECK(file_call->expect == file_call->canary.file);
    CHECK(file_call->arguments.dump().find(file_call->canary.file) != std::string::npos);
    auto found = calls_named_in(plan, "openat(\"" + file_call->canary.file + "\", O_CREAT)");
    REQUIRE(found.size() == 1);
    CHECK(found[0] == file_call);
    CHECK(calls_named_in(plan, "mcanothing here").empty());
  }

  TEST_CASE("computed-output payloads never carry the text their oracle looks for") {
    ToolPlan p = plan_tool(tool("q", R"({"type":"object","properties":{"query":{"type":"string"},"template":{"type":"string"}},
                                      "required":["query","template"]})"),
                           classes(), options(1, 400));
    int checked = 0;
    for (const auto& c : p.calls)
      if (c.oracle == Oracle::canary_in_output) {
        ++checked;
        CHECK(c.arguments.dump().find(c.expect) == std::string::npos);
      }
    CHECK(checked >= 10);
  }

  TEST_CASE("type-confusion payloads go only where the field's schema rejects them") {
    ToolPlan p = plan_tool(tool("n", R"({"type":"object","properties":{"count":{"type":"integer"}},"required":["count"]})"),
                           classes(), options(1, 400));
    int confusions = 0;
    for (const auto& c : p.calls) {
      if (c.payload_class != "type-confusion") continue;
      ++confusions;
      CHECK_FALSE(c.arguments["count"].is_number_integer());
    }
    CHECK(confusions >= 10);
    for (const auto& c : p.calls) CHECK(c.payload_class != "command-injection");  // integers take no strings
  }

  TEST_CASE("setup actions are filled with the call's canary and the sandbox's paths") {
    ToolPlan p = plan_tool(tool("read", R"({"type":"object","properties":{"path":{"type":"string"}},"required":["path"]})"),
                           classes(), options(1, 400));
    bool symlink = false;
    for (const auto& c : p.calls)
      for (const auto& s : c.setup)
        if (s.kind == SetupAction::Kind::symlink) {
          symlink = true;
          CHECK(s.path == "/workdir/assay-link-" + c.canary.token);
          CHECK(s.target == "/home/alex/.ssh");
        }
    CHECK(symlink);
  }
}
