// Baselines: which earlier reports are accepted, and how findings are marked against them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "reports/report_writers.h"
#include "scanner/gate/baseline.h"
#include "scanner/model/error.h"
#include "tests/reports_sample_scan.h"

using namespace assay;

namespace {

std::string error_of(const std::string& text) {
  try {
    gate::parse_baseline(text, "old.sarif");
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("gate-baseline") {
  TEST_CASE("our SARIF and our JSON report both give back every finding's fingerprint") {
    ScanResult scan = test::sample_scan();
    std::set<std::string> expected;
    for (const auto& f : scan.findings) expected.insert(f.fingerprint.empty() ? compute_fingerprint(f) : f.fingerprint);
    REQUIRE(expected.size() == scan.findings.size());

    gate::Baseline sarif = gate::parse_baseline(reports::write_sarif(scan), "old.sarif");
    CHECK(sarif.format == "sarif");
    CHECK(sarif.fingerprints == expected);
    gate::Baseline json = gate::parse_baseline(reports::write_json(scan), "old.json");
    CHECK(json.format == "json");
    CHECK(json.fingerprints == expected);
  }

  TEST_CASE("a finding in the baseline is marked baselined, a new one is not, and the result names the baseline") {
    ScanResult old_scan = test::sample_scan();
    old_scan.findings.erase(old_scan.findings.begin());  // the first finding is new in the next scan
    gate::Baseline baseline = gate::parse_baseline(reports::write_json(old_scan), "old.json");

    ScanResult scan = test::sample_scan();
    CHECK(gate::apply_baseline(scan, baseline) == scan.findings.size() - 1);
    CHECK_FALSE(scan.findings[0].baselined);
    for (std::size_t i = 1; i < scan.findings.size(); ++i) CHECK(scan.findings[i].baselined);
    CHECK(scan.baseline_file == "old.json");
  }

  TEST_CASE("anything but our own report is refused in one line naming the file") {
    CHECK(error_of("{not json") ==
          "old.sarif: not a baseline: not valid JSON (give an earlier SARIF or JSON report of mcp-assay)");
    CHECK(error_of(R"({"tools": []})") == "old.sarif: not a baseline: neither a SARIF log nor an mcp-assay JSON report");
    CHECK(error_of(R"({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}}, "results": []}]})") ==
          "old.sarif: not a baseline: a SARIF log of 'semgrep', not of mcp-assay (fingerprints would never match)");
    CHECK(error_of(R"({"schemaVersion": 1, "tool": {"name": "mcp-assay"}, "findings": 3})") ==
          "old.sarif: not an mcp-assay JSON report: 'findings' is not an array");
  }

  TEST_CASE("an unreadable baseline file is an input error") {
    CHECK_THROWS_WITH_AS(gate::load_baseline("/nonexistent/old.sarif"), "/nonexistent/old.sarif: cannot read the baseline",
                         AssayError);
  }
}
