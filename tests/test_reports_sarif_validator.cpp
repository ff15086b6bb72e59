// Microsoft's SARIF validator (GitHub and SARIF rule kinds) on a representative report: zero errors.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/report_writers.h"
#include "tests/reports_sample_scan.h"

using namespace assay;

namespace {

// The validator is installed by .ci/setup from testdata/package.json; SARIF_MULTITOOL overrides.
std::filesystem::path validator_path() {
  if (const char* env = std::getenv("SARIF_MULTITOOL")) return env;
  return std::filesystem::path(ASSAY_SOURCE_DIR) / "testdata/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
}

// A result without a level takes its rule's default level, and "warning" without one (SARIF 3.27.10).
std::string effective_level(const nlohmann::json& result, const nlohmann::json& run) {
  if (result.contains("level")) return result["level"];
  const auto& rules = run["tool"]["driver"].value("rules", nlohmann::json::array());
  for (const auto& rule : rules)
    if (rule.value("id", "") == result.value("ruleId", "") && rule.contains("defaultConfiguration"))
      return rule["defaultConfiguration"].value("level", "warning");
  return "warning";
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

TEST_SUITE("e2e-sarif-validator") {
  TEST_CASE("a representative SARIF report passes Microsoft's validator with zero errors") {
    const auto validator = validator_path();
    if (!std::filesystem::exists(validator)) {
      MESSAGE("skipped: no SARIF validator at " << validator.string() << " (run .ci/setup)");
      return;
    }
    const auto dir = test::make_temp_dir("sarif-validate");
    test::write_file(dir / "dumps/weather.json", test::kWeatherDump);
    ScanResult scan = test::sample_scan();
    Finding elsewhere = scan.findings[0];
    elsewhere.locations.push_back({{"dumps/weather.json", 4, 7, 4, 31}, "weather/tools/get_forecast/name"});
    scan.findings.push_back(elsewhere);
    test::write_file(dir / "report.sarif", reports::write_sarif(scan, {dir.string()}));

    const auto out = dir / "validation.sarif";
    const std::string command = "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 " + shell_quote(validator.string()) +
                                " validate " + shell_quote((dir / "report.sarif").string()) +
                                " --rule-kind 'Gh;Sarif' --log ForceOverwrite -o " + shell_quote(out.string()) +
                                " >" + shell_quote((dir / "validator.log").string()) + " 2>&1";
    std::system(command.c_str());
    std::ifstream in(out);
    REQUIRE_MESSAGE(in, "the validator wrote no output; see " << (dir / "validator.log").string());
    const auto validation = nlohmann::json::parse(in);
    int errors = 0;
    for (const auto& run : validation["runs"])
      for (const auto& r : run.value("results", nlohmann::json::array()))
        if (effective_level(r, run) == "error") {
          ++errors;
          MESSAGE(r.value("ruleId", "?") << ": " << r["message"].dump());
        }
    CHECK(errors == 0);
    if (errors == 0) std::filesystem::remove_all(dir);
  }
}
