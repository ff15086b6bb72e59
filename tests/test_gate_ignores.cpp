// Ignore entries: what each matcher matches, expiry, and where ignored findings go.
#include <doctest/doctest.h>

#include "scanner/gate/ignores.h"
#include "tests/reports_sample_scan.h"

using namespace assay;

namespace {

Finding finding(std::string rule, std::string server, std::string file, std::string logical) {
  Finding f;
  f.rule_id = std::move(rule);
  f.severity = Severity::high;
  f.server = std::move(server);
  f.message = "m";
  f.locations = {{{std::move(file), 3, 1, 3, 9}, std::move(logical)}};
  f.fingerprint = compute_fingerprint(f);
  return f;
}

gate::IgnoreEntry entry(std::string reason = "accepted") {
  gate::IgnoreEntry e;
  e.reason = std::move(reason);
  e.where = ".mcp-assay.yaml:4";
  return e;
}

}  // namespace

TEST_SUITE("gate-ignores") {
  TEST_CASE("each matcher matches its own part of a finding, as a glob") {
    const Finding f = finding("MCP003", "weather", "dumps/weather.tools.json", "weather/tools/get_forecast/description");
    auto e = entry();
    e.rule = "MCP003";
    CHECK(gate::ignore_matches(e, f));
    e.rule = "MCP00*";
    CHECK(gate::ignore_matches(e, f));
    e.rule = "MCP004";
    CHECK_FALSE(gate::ignore_matches(e, f));

    e = entry();
    e.server = "weather";
    CHECK(gate::ignore_matches(e, f));
    e.server = "notes";
    CHECK_FALSE(gate::ignore_matches(e, f));

    e = entry();
    e.tool = "get_*";
    CHECK(gate::ignore_matches(e, f));
    e.tool = "set_forecast";
    CHECK_FALSE(gate::ignore_matches(e, f));

    e = entry();
    e.path = "dumps/*.json";
    CHECK(gate::ignore_matches(e, f));
    e.path = "./dumps/**";
    CHECK(gate::ignore_matches(e, f));
    e.path = "weather.tools.json";  // no '/': the file name anywhere
    CHECK(gate::ignore_matches(e, f));
    e.path = "src/**";
    CHECK_FALSE(gate::ignore_matches(e, f));

    e = entry();
    e.fingerprint = f.fingerprint;
    CHECK(gate::ignore_matches(e, f));
    e.fingerprint = "0000";
    CHECK_FALSE(gate::ignore_matches(e, f));
  }

  TEST_CASE("an entry with several matchers needs all of them") {
    const Finding f = finding("MCP003", "weather", "docs/a.md", "weather/instructions");
    auto e = entry();
    e.rule = "MCP003";
    e.path = "docs/**";
    CHECK(gate::ignore_matches(e, f));
    e.server = "notes";
    CHECK_FALSE(gate::ignore_matches(e, f));
  }

  TEST_CASE("the tool comes from the logical location, and a server-wide finding has none") {
    CHECK(gate::tool_of(finding("MCP001", "s", "", "s/tools/send_mail/inputSchema/properties/to")) == "send_mail");
    CHECK(gate::tool_of(finding("MCP001", "s/tools/x", "", "s/tools/x/tools/real/description")) == "real");
    CHECK(gate::tool_of(finding("MCP001", "s", "", "s/instructions")).empty());
    auto e = entry();
    e.tool = "*";
    CHECK_FALSE(gate::ignore_matches(e, finding("MCP001", "s", "", "s/instructions")));
  }

  TEST_CASE("an ignore applies through its expiry day and stops the day after") {
    auto e = entry();
    e.expires = "2026-06-30";
    CHECK_FALSE(gate::ignore_expired(e, "2026-06-30"));
    CHECK(gate::ignore_expired(e, "2026-07-01"));
    e.expires.clear();
    CHECK_FALSE(gate::ignore_expired(e, "2999-01-01"));
  }

  TEST_CASE("ignored findings move to suppressed with the reason and the entry's place; expired entries are noted") {
    ScanResult scan;
    scan.findings = {finding("MCP003", "weather", "a.json", "weather/tools/t/description"),
                     finding("MCP006", "weather", "a.json", "weather/tools/t/description"),
                     finding("MCP009", "weather", "a.json", "weather/tools/t/description")};
    auto live = entry("the docs quote it");
    live.rule = "MCP003";
    auto expired = entry("temporary, until the fix ships");
    expired.rule = "MCP006";
    expired.expires = "2026-01-31";
    expired.where = ".mcp-assay.yaml:9";

    CHECK(gate::apply_ignores(scan, {live, expired}, "2026-02-01") == 1);
    REQUIRE(scan.findings.size() == 2);
    CHECK(scan.findings[0].rule_id == "MCP006");
    REQUIRE(scan.suppressed.size() == 1);
    CHECK(scan.suppressed[0].rule_id == "MCP003");
    CHECK(scan.suppressed[0].suppression_reason == "the docs quote it");
    CHECK(scan.suppressed[0].suppressed_by == ".mcp-assay.yaml:4");
    REQUIRE(scan.expired_ignores.size() == 1);
    CHECK(scan.expired_ignores[0] ==
          ".mcp-assay.yaml:9: the ignore of rule MCP006 expired on 2026-01-31 (temporary, until the fix ships); "
          "1 finding counts again");
  }
}
