// .mcp-assay.yaml: what it sets, and the one-line FILE:LINE errors for everything it refuses.
#include <doctest/doctest.h>

#include "scanner/gate/dates.h"
#include "scanner/gate/project_config.h"
#include "scanner/model/error.h"

using namespace assay;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    gate::parse_project_config(yaml, ".mcp-assay.yaml", "");
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("gate-config") {
  TEST_CASE("a full config sets defaults, rule directories relative to its folder, disabled rules and ignores") {
    const auto c = gate::parse_project_config(
        "fail-on: medium\n"
        "format: [sarif, text]\n"
        "output: mcp.sarif\n"
        "exclude: [tests/fixtures/**, examples]\n"
        "rules: [team-rules, /opt/rules]\n"
        "disable: [MCP012]\n"
        "ignore:\n"
        "  - rule: MCP003\n"
        "    path: docs/**\n"
        "    reason: the docs quote credential paths on purpose\n"
        "    expires: 2026-12-31\n"
        "  - fingerprint: 0123abcd\n"
        "    reason: accepted by security review SR-12\n",
        "repo/.mcp-assay.yaml", "repo");
    CHECK(c.file == "repo/.mcp-assay.yaml");
    CHECK(c.fail_on == "medium");
    CHECK(c.formats == std::vector<std::string>{"sarif", "text"});
    CHECK(c.outputs == std::vector<std::string>{"mcp.sarif"});
    CHECK(c.exclude == std::vector<std::string>{"tests/fixtures/**", "examples"});
    CHECK(c.rule_dirs == std::vector<std::string>{"repo/team-rules", "/opt/rules"});
    REQUIRE(c.disabled.size() == 1);
    CHECK(c.disabled[0].id == "MCP012");
    CHECK(c.disabled[0].where == "repo/.mcp-assay.yaml:6");
    REQUIRE(c.ignores.size() == 2);
    CHECK(c.ignores[0].rule == "MCP003");
    CHECK(c.ignores[0].path == "docs/**");
    CHECK(c.ignores[0].expires == "2026-12-31");
    CHECK(c.ignores[0].where == "repo/.mcp-assay.yaml:8");
    CHECK(c.ignores[1].fingerprint == "0123abcd");
    CHECK(c.ignores[1].expires.empty());
  }

  TEST_CASE("an empty config sets nothing") {
    const auto c = gate::parse_project_config("# nothing yet\n", "c.yaml", "");
    CHECK_FALSE(c.fail_on);
    CHECK(c.ignores.empty());
  }

  TEST_CASE("unknown keys, wrong types, bad values and reasonless ignores name the file and line") {
    CHECK(error_of("fail-on: high\nfail_on: low\n") ==
          ".mcp-assay.yaml:2: unknown key 'fail_on' (known: fail-on, format, output, exclude, rules, disable, ignore)");
    CHECK(error_of("fail-on: [high]\n") == ".mcp-assay.yaml:1: 'fail-on' must be a single value");
    CHECK(error_of("fail-on: severe\n") ==
          ".mcp-assay.yaml:1: fail-on: 'severe' is not one of info, low, medium, high, critical, never");
    CHECK(error_of("format: pdf\n") ==
          ".mcp-assay.yaml:1: format: 'pdf' is not one of sarif, json, jsonl, text, markdown");
    CHECK(error_of("exclude: {a: b}\n") == ".mcp-assay.yaml:1: 'exclude' must be a value or a list of values");
    CHECK(error_of("ignore:\n  - rule: MCP003\n") ==
          ".mcp-assay.yaml:2: an ignore entry needs a 'reason': why this finding is acceptable, and who says so");
    CHECK(error_of("ignore:\n  - reason: because\n") ==
          ".mcp-assay.yaml:2: an ignore entry must say what it ignores: rule, fingerprint, server, tool or path");
    CHECK(error_of("ignore:\n  - rule: MCP003\n    reason: r\n    expires: 2026-02-30\n") ==
          ".mcp-assay.yaml:4: expires: '2026-02-30' is not a date (YYYY-MM-DD)");
    CHECK(error_of("ignore:\n  - rule: MCP003\n    reason: r\n    until: 2026-01-01\n") ==
          ".mcp-assay.yaml:4: unknown key 'until' in an ignore entry (known: rule, fingerprint, server, tool, path, "
          "reason, expires)");
    CHECK(error_of("ignore:\n  rule: MCP003\n") ==
          ".mcp-assay.yaml:2: 'ignore' must be a list of entries (- rule: MCP003\\n  reason: ...)");
    CHECK(error_of("ignore: [\n") .starts_with(".mcp-assay.yaml:"));
    CHECK(error_of("- a\n- b\n") == ".mcp-assay.yaml:1: the config must be a mapping of keys (fail-on, format, ignore, ...)");
  }

  TEST_CASE("dates are real calendar days, and MCP_ASSAY_TODAY fixes today") {
    CHECK(gate::is_iso_date("2024-02-29"));
    CHECK_FALSE(gate::is_iso_date("2025-02-29"));
    CHECK_FALSE(gate::is_iso_date("2026-13-01"));
    CHECK_FALSE(gate::is_iso_date("2026-1-01"));
    CHECK_FALSE(gate::is_iso_date("tomorrow"));
    ::setenv("MCP_ASSAY_TODAY", "2027-01-15", 1);
    CHECK(gate::today() == "2027-01-15");
    ::setenv("MCP_ASSAY_TODAY", "15/01/2027", 1);
    CHECK_THROWS_AS(gate::today(), AssayError);
    ::unsetenv("MCP_ASSAY_TODAY");
    CHECK(gate::is_iso_date(gate::today()));
  }
}
