// The fuzz planner over real schemas: every baseline of the benign corpus validates, and
// `mcp-assay fuzz-plan` prints plans users and the executor can read.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"
#include "scanner/fuzz/field_walker.h"
#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/targets/dump_loader.h"

using namespace assay::fuzz;
using assay::testing::run_cli;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_SUITE("e2e-fuzz") {
  TEST_CASE("every tool of the benign corpus gets a baseline call that validates against its schema") {
    static const auto classes = load_payload_classes(assay::testing::source_path("rules/payloads"));
    int tools = 0, valid = 0, carriers = 0, valid_carriers = 0, calls = 0;
    for (const auto& e : fs::directory_iterator(assay::testing::source_path("testdata/corpus/benign"))) {
      auto inv = assay::targets::load_dump_file(e.path().string()).inventory;
      for (const auto& t : inv.tools) {
        ++tools;
        PlanOptions o;
        o.budget.calls_per_tool = 20;
        ToolPlan p = plan_tool(t, classes, o);
        INFO(e.path().filename().string() << " " << t.name << " " << p.baseline.dump());
        for (const auto& i : p.baseline_issues) INFO(i.pointer << ": " << i.message);
        CHECK(p.baseline_valid);
        valid += p.baseline_valid;
        calls += static_cast<int>(p.calls.size());
        // The arguments each payload call starts from (the baseline with its field present)
        // validate too: only the payload itself is hostile.
        SchemaDocument doc(t.input_schema);
        SchemaValidator validator(doc);
        ValueGenerator generator(doc, validator, o.paths.root);
        for (const auto& f : walk_fields(doc, validator, generator, p.baseline)) {
          ++carriers;
          bool ok = validator.validate(f.carrier).valid();
          INFO("carrier for " << f.path << ": " << f.carrier.dump());
          CHECK(ok);
          valid_carriers += ok;
        }
      }
    }
    MESSAGE(tools << " tools, " << valid << " valid baselines, " << valid_carriers << "/" << carriers
                  << " valid field carriers, " << calls << " calls planned");
    CHECK(tools == 609);
    CHECK(valid == tools);
    CHECK(valid_carriers == carriers);
  }

  TEST_CASE("fuzz-plan prints each tool's calls with field, payload class and oracle") {
    auto r = run_cli({"fuzz-plan", "--fuzz-calls", "5", "testdata/dumps/server-filesystem.tools.json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("tool read_text_file: 5 calls") != std::string::npos);
    CHECK(r.out.find("#0 baseline  {\"path\":\"/workdir/sample.txt\"}") != std::string::npos);
    CHECK(r.out.find("path-traversal/relative-escape  honeytoken-read") != std::string::npos);
  }

  TEST_CASE("fuzz-plan --json is the same plan for the same seed and carries canaries and setup") {
    std::vector<std::string> args = {"fuzz-plan", "--json", "--seed", "42", "--fuzz-calls", "60", "--root", "/workdir/root",
                                     "testdata/dumps/server-filesystem.tools.json"};
    auto a = run_cli(args), b = run_cli(args);
    REQUIRE(a.exit_code == 0);
    CHECK(a.out == b.out);
    json plan = json::parse(a.out);
    CHECK(plan["seed"] == 42);
    CHECK(plan["paths"]["root"] == "/workdir/root");
    CHECK(plan["total_calls"].get<size_t>() == plan["scan_order"].size());
    bool setup = false;
    for (const auto& t : plan["tools"])
      for (const auto& c : t["calls"]) {
        CHECK(c["canary"]["token"].get<std::string>().starts_with("mca"));
        if (c.contains("setup")) setup = true;
      }
    CHECK(setup);
  }

  TEST_CASE("fuzz-plan on a file that is not an inventory fails with one line and exit code 2") {
    auto r = run_cli({"fuzz-plan", "testdata/dumps/invalid.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("mcp-assay: error: ") == 0);
    auto missing_tool = run_cli({"fuzz-plan", "--tool", "nope", "testdata/dumps/server-memory.tools.json"});
    CHECK(missing_tool.exit_code == 2);
  }
}

namespace {

void pointers_of(const json& j, const std::string& at, std::vector<std::string>& out) {
  out.push_back(at);
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) {
      std::string key = it.key();
      std::string token;
      for (char c : key) token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      pointers_of(it.value(), at + "/" + token, out);
    }
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i) pointers_of(j[i], at + "/" + std::to_string(i), out);
}

}  // namespace

TEST_SUITE("e2e-fuzz") {
  TEST_CASE("corpus schemas with garbage planted at deterministic places never crash the planner") {
    static const auto classes = load_payload_classes(assay::testing::source_path("rules/payloads"));
    const std::vector<json> garbage = {
        42, "string", json::array(), nullptr, true, false, json::parse(R"({"$ref":"#"})"),
        json::parse(R"({"$ref":"#/nope/0"})"), json::parse(R"({"type":[]})"), json::parse(R"({"pattern":"(?=x)["})"),
        json::parse(R"({"minLength":-5,"maxLength":"ten"})"), json::parse(R"({"type":"integer","multipleOf":0})"),
        json::parse(R"({"enum":[]})"), json::parse(R"({"anyOf":"x","oneOf":[]})"), json::parse(R"({"required":[1,{}]})"),
        json::parse(R"({"properties":[],"items":5})"), json::parse(R"({"minimum":1e308,"maximum":-1e308})"),
        json::parse(R"({"allOf":[{"$ref":"#"},{"$ref":"#"}],"anyOf":[{"$ref":"#"}]})"),
        json::parse(R"({"type":"string","format":"uuid","pattern":"^[0-9]{3}$"})"),
        json::parse(R"({"nullable":"yes","uniqueItems":"no","exclusiveMinimum":"x"})")};
    int planned = 0;
    for (const auto& e : fs::directory_iterator(assay::testing::source_path("testdata/corpus/benign"))) {
      auto inv = assay::targets::load_dump_file(e.path().string()).inventory;
      for (const auto& t : inv.tools) {
        std::vector<std::string> places;
        pointers_of(t.input_schema, "", places);
        for (std::uint64_t k = 0; k < 3; ++k) {
          assay::Tool mutant = t;
          std::uint64_t h = mix_hash(k, t.name);
          std::string where = places[h % places.size()];
          const json& junk = garbage[(h >> 20) % garbage.size()];
          if (where.empty()) mutant.input_schema = junk;
          else mutant.input_schema[json::json_pointer(where)] = junk;
          CAPTURE(t.name);
          CAPTURE(where);
          PlanOptions o;
          o.budget.calls_per_tool = 5;
          ToolPlan p;
          CHECK_NOTHROW(p = plan_tool(mutant, classes, o));
          CHECK(p.baseline.is_object());
          planned += !p.calls.empty();
        }
      }
    }
    CHECK(planned == 609 * 3);
  }
}
