// The markdown report: a summary a reviewer can trust in a PR comment, whatever the server wrote.
#include <doctest/doctest.h>

#include <sstream>

#include "reports/report_writers.h"
#include "tests/reports_sample_scan.h"

using namespace assay;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// Cell separators GitHub sees in a table row: pipes not escaped with a backslash.
int unescaped_pipes(const std::string& row) {
  int n = 0;
  for (std::size_t i = 0; i < row.size(); ++i) n += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return n;
}

std::vector<std::string> finding_rows(const std::string& md) {
  std::vector<std::string> rows;
  std::istringstream in(md.substr(md.find("### Findings")));
  for (std::string line; std::getline(in, line);)
    if (line.rfind("| ", 0) == 0 && !contains(line, "| Severity |")) rows.push_back(line);
  return rows;
}

}  // namespace

TEST_CASE("pipes in evidence cannot break out of the markdown findings table") {
  const std::string md = reports::write_markdown(test::sample_scan());
  const auto rows = finding_rows(md);
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) CHECK(unescaped_pipes(row) == 7);
  CHECK(contains(md, "reversed \\| pipe`"));
}

TEST_CASE("controls in markdown evidence are made visible inside a code span") {
  const std::string md = reports::write_markdown(test::sample_scan());
  CHECK(contains(md, "`\\u{001B}[2Jclear \\u{202E} reversed \\| pipe`"));
  CHECK_FALSE(contains(md, "\x1b"));
  CHECK_FALSE(contains(md, "\xe2\x80\xae"));
}

TEST_CASE("HTML and link syntax in a markdown message are escaped") {
  const std::string md = reports::write_markdown(test::sample_scan());
  CHECK(contains(md, "hides instructions in \\<IMPORTANT\\> tags"));
  CHECK(contains(md, "ask for \\[all\\]\\(http\\://x\\) files"));
  CHECK(contains(md, "| Tool get\\_forecast hides instructions in \\<IMPORTANT\\> tags |"));
}

TEST_CASE("evidence containing backticks gets a longer code span fence") {
  ScanResult scan = test::sample_scan();
  scan.findings[0].evidence = "run ``rm -rf /`` now";
  CHECK(contains(reports::write_markdown(scan), "```run ``rm -rf /`` now```"));
  scan.findings[0].evidence = "`tick";
  CHECK(contains(reports::write_markdown(scan), "`` `tick ``"));
}

TEST_CASE("the markdown report has a summary table by severity, failed targets and the sandbox level") {
  const std::string md = reports::write_markdown(test::sample_scan());
  CHECK(md.rfind("## mcp-assay report\n", 0) == 0);
  CHECK(contains(md, "| **Critical** | 1 |\n| **High** | 1 |\n| Medium | 1 |\n| Low | 0 |\n| Info | 0 |\n"));
  CHECK(contains(md, "### Failed targets\n\n- `node broken.js`: server exited before answering initialize\n"));
  CHECK(contains(md, "**Sandbox:** none\\: server ran unsandboxed \\(\\-\\-unsandboxed\\)"));
  CHECK(contains(md, "Server `weather` ran unsandboxed"));
  CHECK(contains(md, "| `dumps/weather.json:5:40`<br>`weather/tools/get_forecast/description` |"));
}

TEST_CASE("a markdown report with many findings stays within a PR comment") {
  ScanResult scan = test::sample_scan();
  const Finding f = scan.findings[0];
  for (int i = 0; i < 500; ++i) {
    scan.findings.push_back(f);
    scan.findings.back().evidence = std::string(400, 'x');
  }
  const std::string md = reports::write_markdown(scan);
  CHECK(md.size() < 65536);
  CHECK(contains(md, "403 more findings are not shown here"));
}
