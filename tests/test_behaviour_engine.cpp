// Runtime rules: the shipped rules load and pass their examples, and the engine groups events
// into findings with stable fingerprints and the event's line as location.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scanner/behaviour/behaviour_engine.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::behaviour;
namespace fs = std::filesystem;

namespace {

std::string runtime_rules_dir() { return std::string(ASSAY_SOURCE_DIR) + "/rules/runtime"; }

sandbox::Event open_event(const std::string& path, bool honeytoken, int pid = 7) {
  sandbox::Event e;
  e.kind = sandbox::EventKind::file_open;
  e.path = path;
  e.honeytoken = honeytoken;
  e.pid = pid;
  return e;
}

std::string write_rule(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir.string();
}

const char* kValidHeader = R"(id: MCP290
name: test-rule
title: t
description: d
severity: high
confidence: high
cwe: [CWE-200]
message: "m {path}"
help: h
)";

}  // namespace

TEST_SUITE("behaviour rules") {
  TEST_CASE("every shipped runtime rule loads and passes its own examples") {
    auto rules = load_behaviour_rules(runtime_rules_dir());
    CHECK(rules.size() >= 12);
    for (const auto& r : run_behaviour_examples(rules)) {
      INFO(r.rule->info.id << " example at line " << r.example->line);
      CHECK(r.passed);
    }
  }

  TEST_CASE("reading two honeytokens, one twice, gives two findings with counts and event lines") {
    auto rules = load_behaviour_rules(runtime_rules_dir());
    std::vector<sandbox::Event> events = {open_event("/usr/lib/node/x.js", false),
                                          open_event("/home/user/.ssh/id_rsa", true),
                                          open_event("/home/user/.aws/credentials", true),
                                          open_event("/home/user/.ssh/id_rsa", true, 9)};
    auto findings = evaluate_behaviour(rules, events, {"srv", "start-up", "srv.events.jsonl"});
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].rule_id == "MCP201");
    CHECK(findings[0].severity == Severity::high);
    CHECK(findings[0].locations[0].physical.file == "srv.events.jsonl");
    CHECK(findings[0].locations[0].physical.start_line == 2);
    CHECK(findings[0].evidence == "file_open /home/user/.ssh/id_rsa (honeytoken) (and 1 more like it)");
    CHECK(findings[0].message == "The server opened the decoy credential file /home/user/.ssh/id_rsa (during start-up)");
    CHECK(findings[1].locations[0].physical.start_line == 3);
  }

  TEST_CASE("fingerprints ignore pids and times, and differ per grouped value") {
    auto rules = load_behaviour_rules(runtime_rules_dir());
    auto a = evaluate_behaviour(rules, {open_event("/home/user/.ssh/id_rsa", true, 3)}, {"srv", "start-up", ""});
    auto e = open_event("/home/user/.ssh/id_rsa", true, 99);
    e.time = 5;
    auto b = evaluate_behaviour(rules, {open_event("/usr/x", false), e}, {"srv", "start-up", ""});
    auto c = evaluate_behaviour(rules, {open_event("/home/user/.netrc", true)}, {"srv", "start-up", ""});
    REQUIRE(a.size() == 1);
    REQUIRE(b.size() == 1);
    REQUIRE(c.size() == 1);
    CHECK(a[0].fingerprint == b[0].fingerprint);
    CHECK(a[0].fingerprint != c[0].fingerprint);
  }

  TEST_CASE("the launched command itself is not a spawned shell") {
    auto rules = load_behaviour_rules(runtime_rules_dir());
    sandbox::Event launch;
    launch.kind = sandbox::EventKind::exec;
    launch.path = "/bin/sh";
    launch.argv = {"sh", "-c", "node a.js; curl x"};
    launch.detail = "launch";
    sandbox::Event child = launch;
    child.detail.clear();
    CHECK(evaluate_behaviour(rules, {launch}, {"srv", "start-up", ""}).empty());
    auto f = evaluate_behaviour(rules, {launch, child}, {"srv", "start-up", ""});
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule_id == "MCP204");
  }

  TEST_CASE("evidence is printable and bounded whatever the server put in its argv") {
    sandbox::Event e;
    e.kind = sandbox::EventKind::exec;
    e.path = "/bin/sh";
    e.argv = {"sh", "-c", std::string(5000, 'A') + "\n\x1b[2J"};
    std::string ev = event_evidence(e);
    CHECK(ev.size() < 800);
    CHECK(ev.find('\x1b') == std::string::npos);
    CHECK(ev.find('\n') == std::string::npos);
  }

  TEST_CASE("a runtime rule with an unknown event field fails to load naming file and line") {
    auto dir = fs::temp_directory_path() / "assay-behaviour-bad-field";
    fs::remove_all(dir);
    write_rule(dir, "MCP290-test.yaml",
               std::string(kValidHeader) + "when:\n  kind: file_open\n  colour: red\nexamples:\n  match: []\n");
    try {
      load_behaviour_rules(dir.string());
      FAIL("expected an error");
    } catch (const AssayError& e) {
      CHECK(std::string(e.what()).find("MCP290-test.yaml:12: unknown event field 'colour'") != std::string::npos);
    }
    fs::remove_all(dir);
  }

  TEST_CASE("a runtime rule with a bad regex or an unknown kind fails to load") {
    auto dir = fs::temp_directory_path() / "assay-behaviour-bad-regex";
    fs::remove_all(dir);
    write_rule(dir, "MCP290-test.yaml", std::string(kValidHeader) + "when:\n  path: {regex: '(unclosed'}\n");
    CHECK_THROWS_WITH_AS(load_behaviour_rules(dir.string()), doctest::Contains("not a valid RE2 regex"), AssayError);
    write_rule(dir, "MCP290-test.yaml", std::string(kValidHeader) + "when:\n  kind: teleport\n");
    CHECK_THROWS_WITH_AS(load_behaviour_rules(dir.string()), doctest::Contains("unknown event kind 'teleport'"), AssayError);
    fs::remove_all(dir);
  }
}
