// The terminal report: grouped, readable, and never a channel for an attacker's control characters.
#include <doctest/doctest.h>

#include "reports/report_writers.h"
#include "tests/reports_sample_scan.h"

using namespace assay;

namespace {
bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }
}  // namespace

TEST_CASE("evidence with an ANSI escape is shown escaped in text output") {
  for (bool color : {false, true}) {
    const std::string text = reports::write_text(test::sample_scan(), color);
    CHECK_FALSE(contains(text, "\x1b[2J"));
    CHECK(contains(text, "\\u{001B}[2Jclear"));
    CHECK(contains(text, "\\u{202E} reversed"));
    CHECK_FALSE(contains(text, "\xe2\x80\xae"));
  }
}

TEST_CASE("text output without color has no escape byte at all, and with color it has some") {
  CHECK_FALSE(contains(reports::write_text(test::sample_scan(), false), "\x1b"));
  CHECK(contains(reports::write_text(test::sample_scan(), true), "\x1b[1;91m"));
}

TEST_CASE("a server name or message cannot smuggle a control character into the terminal") {
  ScanResult scan = test::sample_scan();
  scan.findings[0].server = "evil\x1b]0;title\x07";
  scan.findings[0].message = "line one\nline two\r";
  scan.targets[1].error = "died \x9b" "31m";
  const std::string text = reports::write_text(scan, false);
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c != '\n') CHECK_MESSAGE(u >= 0x20, "raw control byte in text output");
    CHECK(u != 0x7f);
  }
  CHECK(contains(text, "evil\\u{001B}]0;title\\u{0007}"));
  CHECK(contains(text, "line one\\u{000A}line two\\u{000D}"));
  CHECK(contains(text, "died \\x{9B}31m"));  // a lone C1 byte is invalid UTF-8, shown as its byte
}

TEST_CASE("text findings are grouped by server, then by tool, with the location and evidence") {
  const std::string text = reports::write_text(test::sample_scan(), false);
  const auto server = text.find("weather  (dumps/weather.json)\n");
  const auto tool = text.find("  tool get_forecast\n");
  const auto server_entity = text.find("  server\n");
  REQUIRE(server != std::string::npos);
  REQUIRE(tool != std::string::npos);
  REQUIRE(server_entity != std::string::npos);
  CHECK(server < tool);
  CHECK(tool < server_entity);  // the critical tool finding sorts first
  CHECK(contains(text, "CRITICAL  MCP001 Tool get_forecast hides instructions in <IMPORTANT> tags\n"));
  CHECK(contains(text, "dumps/weather.json:5:40 (weather/tools/get_forecast/description)  evidence: <IMPORTANT>"));
  // Two tool findings, one header.
  CHECK(text.find("  tool get_forecast\n", tool + 1) == std::string::npos);
}

TEST_CASE("long evidence is truncated to about 160 characters in text output") {
  ScanResult scan = test::sample_scan();
  scan.findings[0].evidence = std::string(1000, 'A');
  const std::string text = reports::write_text(scan, false);
  CHECK(contains(text, std::string(160, 'A') + "…"));
  CHECK_FALSE(contains(text, std::string(161, 'A')));
}

TEST_CASE("the text summary counts by severity and names failed targets and unsandboxed servers") {
  const std::string text = reports::write_text(test::sample_scan(), false);
  CHECK(contains(text, "3 findings: 1 critical, 1 high, 1 medium, 0 low, 0 info; 2 targets, 1 failed\n"));
  CHECK(contains(text, "target failed: node broken.js: server exited before answering initialize\n"));
  CHECK(contains(text, "server weather ran unsandboxed"));
  CHECK(contains(text, "sandbox: none: server ran unsandboxed (--unsandboxed)\n"));
}

TEST_CASE("a scan without findings says so") {
  ScanResult scan = test::sample_scan();
  scan.findings.clear();
  const std::string text = reports::write_text(scan, false);
  CHECK(contains(text, "No findings.\n"));
  CHECK(contains(text, "0 findings: 0 critical"));
}
