// End-to-end: the built mcp-assay binary on testdata/, asserting on exit codes and JSON/SARIF output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cli_runner.h"

using assay::testing::run_cli;
using assay::testing::slurp;
using assay::testing::test_dir;
using nlohmann::json;

namespace {

const std::string kPython = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

json scan_json(const std::vector<std::string>& targets, int* exit_code = nullptr) {
  std::vector<std::string> args = {"scan", "--format", "json"};
  args.insert(args.end(), targets.begin(), targets.end());
  auto r = run_cli(args);
  if (exit_code) *exit_code = r.exit_code;
  INFO(r.err);
  return json::parse(r.out);
}

bool has_rule(const json& report, const std::string& rule, const std::string& logical_part) {
  for (const auto& f : report["findings"])
    if (f["ruleId"] == rule && f["locations"][0]["logical"].get<std::string>().find(logical_part) != std::string::npos)
      return true;
  return false;
}

int count_at_least(const json& report, const std::vector<std::string>& severities) {
  int n = 0;
  for (const auto& f : report["findings"])
    for (const auto& s : severities) n += f["severity"] == s;
  return n;
}

}  // namespace

TEST_SUITE("e2e-cli") {
  TEST_CASE("scanning a poisoned dump reports its findings and exits 1") {
    int code = 0;
    json report = scan_json({"testdata/dumps/weather-exfil-param.tools.json"}, &code);
    CHECK(code == 1);
    CHECK(count_at_least(report, {"high", "critical"}) >= 1);
    CHECK(report["findings"][0]["locations"][0]["file"] == "testdata/dumps/weather-exfil-param.tools.json");
    CHECK(report["findings"][0]["locations"][0]["startLine"].get<int>() > 1);
  }

  TEST_CASE("scanning benign dumps of real and fixture servers exits 0 with no medium or higher finding") {
    int code = -1;
    json report = scan_json({"testdata/dumps/weather-benign.tools.json", "testdata/dumps/notes-benign.tools.json",
                             "testdata/dumps/server-everything.tools.json", "testdata/dumps/server-memory.tools.json",
                             "testdata/dumps/server-filesystem.tools.json"},
                            &code);
    CHECK(code == 0);
    CHECK(count_at_least(report, {"medium", "high", "critical"}) == 0);
  }

  TEST_CASE("text hidden in Unicode tag characters is found in a dump and shown decoded") {
    json report = scan_json({"testdata/dumps/email-shadowing.tools.json"});
    REQUIRE(has_rule(report, "MCP020", "/tools/round_number/description"));
    bool decoded = false;
    for (const auto& f : report["findings"])
      decoded = decoded || f["evidence"].get<std::string>().find("ignore previous instructions") != std::string::npos;
    CHECK(decoded);
  }

  TEST_CASE("--fail-on never exits 0 even with critical findings, --fail-on info exits 1 on anything") {
    CHECK(run_cli({"scan", "-q", "--fail-on", "never", "testdata/dumps/email-shadowing.tools.json"}).exit_code == 0);
    CHECK(run_cli({"scan", "-q", "--fail-on", "info", "testdata/dumps/email-shadowing.tools.json"}).exit_code == 1);
  }

  TEST_CASE("a whole JSON-RPC response and the tools/list result give the same findings") {
    json a = scan_json({"testdata/dumps/weather-exfil-param.tools.json"});
    json b = scan_json({"testdata/dumps/weather-exfil-param.response.json"});
    REQUIRE(a["findings"].size() == b["findings"].size());
    for (size_t i = 0; i < a["findings"].size(); ++i) CHECK(a["findings"][i]["ruleId"] == b["findings"][i]["ruleId"]);
  }

  TEST_CASE("each report format can go to its own file in one run") {
    auto dir = test_dir("e2e-formats");
    auto r = run_cli({"scan", "--format", "sarif", "-o", (dir / "r.sarif").string(), "--format", "markdown", "-o",
                      (dir / "r.md").string(), "--format", "text", "testdata/dumps/devtools-poisoned.tools.json"});
    CHECK(r.exit_code == 1);
    json sarif = json::parse(slurp(dir / "r.sarif"));
    CHECK(sarif["version"] == "2.1.0");
    CHECK(sarif["runs"][0]["results"].size() > 0);
    CHECK(slurp(dir / "r.md").find("|") != std::string::npos);
    CHECK(r.out.find("devtools-poisoned") != std::string::npos);
  }

  TEST_CASE("the same scan twice gives identical fingerprints") {
    json a = scan_json({"testdata/dumps/devtools-poisoned.tools.json"});
    json b = scan_json({"testdata/dumps/devtools-poisoned.tools.json"});
    REQUIRE(a["findings"].size() == b["findings"].size());
    for (size_t i = 0; i < a["findings"].size(); ++i)
      CHECK(a["findings"][i]["fingerprint"] == b["findings"][i]["fingerprint"]);
  }

  TEST_CASE("bad input exits 2 with one line that says what and where") {
    auto missing = run_cli({"scan", "testdata/dumps/nope.json"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err == "mcp-assay: error: testdata/dumps/nope.json: no such file\n");
    auto invalid = run_cli({"scan", "testdata/dumps/invalid.json"});
    CHECK(invalid.exit_code == 2);
    CHECK(invalid.err.find("testdata/dumps/invalid.json: invalid JSON at line") != std::string::npos);
    auto wrong = run_cli({"scan", "testdata/dumps/not-a-dump.json"});
    CHECK(wrong.exit_code == 2);
    CHECK(wrong.err.find("not a tools/list result") != std::string::npos);
    auto tarball = run_cli({"scan", "testdata/nope-1.0.0.tgz"});
    CHECK(tarball.exit_code == 2);
    CHECK(tarball.err == "mcp-assay: error: testdata/nope-1.0.0.tgz: no such file or directory\n");
    auto flag = run_cli({"scan", "--format", "pdf", "x.json"});
    CHECK(flag.exit_code == 2);
    auto nothing = run_cli({"scan"});
    CHECK(nothing.exit_code == 2);
    CHECK(nothing.err.find("nothing to scan") != std::string::npos);
  }

  TEST_CASE("a rules directory with a bad regex exits 2 naming the file and line") {
    auto dir = test_dir("e2e-bad-rules");
    std::ofstream(dir / "MCP099-bad.yaml") << "id: MCP099\nname: bad\ntitle: t\ndescription: d\nseverity: high\n"
                                              "confidence: high\ncwe: [CWE-1427]\nfields: [text]\nmessage: m\nhelp: h\n"
                                              "patterns:\n  - id: p\n    regex: 'a(b'\nexamples:\n  match: [ab]\n"
                                              "  no_match: [c]\n";
    auto r = run_cli({"--rules", dir.string(), "scan", "testdata/dumps/weather-benign.tools.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("MCP099-bad.yaml:13: pattern 'a(b' is not a valid RE2 regex") != std::string::npos);
  }

  TEST_CASE("a launched server runs in the sandbox by default and cannot write to the host") {
    auto dir = test_dir("e2e-sandboxed-touch");
    auto marker = dir / "ran";
    auto r = run_cli({"scan", "--format", "json", "-o", (dir / "r.json").string(), "--", "touch", marker.string()});
    CHECK(r.exit_code == 3);  // touch fails on the read-only host and exits before initialize
    CHECK_FALSE(std::filesystem::exists(marker));
    json report = json::parse(slurp(dir / "r.json"));
    CHECK(report["sandboxLevel"] == "full");
    CHECK(report["targets"][0]["ranUnsandboxed"] == false);
  }

  TEST_CASE("a live poisoned Node server is scanned with --unsandboxed, exits 1, and the report says it ran unsandboxed") {
    auto dir = test_dir("e2e-live-node");
    auto r = run_cli({"scan", "--unsandboxed", "--format", "json", "-o", (dir / "r.json").string(), "--",
                      "node", "testdata/servers/weather-exfil-param/server.mjs"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    json report = json::parse(slurp(dir / "r.json"));
    CHECK(report["sandboxLevel"].get<std::string>().find("unsandboxed") != std::string::npos);
    CHECK(count_at_least(report, {"high", "critical"}) >= 1);
    // Findings point into the inventory file written beside the report.
    std::string file = report["findings"][0]["locations"][0]["file"];
    CHECK(file.find("inventory.json") != std::string::npos);
    CHECK(std::filesystem::exists(std::filesystem::path(ASSAY_SOURCE_DIR) / file));
  }

  TEST_CASE("a live poisoned Python server's instructions are scanned too") {
    auto dir = test_dir("e2e-live-py");
    auto r = run_cli({"scan", "--unsandboxed", "--format", "json", "-o", (dir / "r.json").string(), "--", kPython,
                      "testdata/servers/devtools-poisoned/server.py"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    json report = json::parse(slurp(dir / "r.json"));
    bool instructions = false;
    for (const auto& f : report["findings"])
      instructions = instructions || f["locations"][0]["logical"].get<std::string>().ends_with("/instructions");
    CHECK(instructions);
  }

  TEST_CASE("a live benign server exits 0") {
    auto r = run_cli({"scan", "-q", "--unsandboxed", "--fail-on", "medium", "--inventory-dir",
                      test_dir("e2e-live-benign").string(), "--", kPython, "testdata/servers/notes-benign/server.py"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }

  TEST_CASE("a server that hangs, prints garbage or exits at once gives exit 3 and a clear message") {
    auto dir = test_dir("e2e-broken");
    auto scan = [&](const std::string& server) {
      return run_cli({"scan", "-q", "--unsandboxed", "--timeout", "2", "--inventory-dir", dir.string(), "--", kPython,
                      "testdata/servers/" + server + "/server.py"});
    };
    auto hangs = scan("broken-hangs");
    CHECK(hangs.exit_code == 3);
    CHECK(hangs.err.find("initialize") != std::string::npos);
    auto garbage = scan("broken-garbage");
    CHECK(garbage.exit_code == 3);
    CHECK(garbage.err.find("non-JSON") != std::string::npos);
    auto exits = scan("broken-exits");
    CHECK(exits.exit_code == 3);
    CHECK(exits.err.find("fatal: missing config") != std::string::npos);
    auto huge = scan("broken-huge-line");
    CHECK(huge.exit_code == 3);
    auto deep = scan("broken-deep-json");
    CHECK(deep.exit_code == 3);
    auto missing = run_cli({"scan", "-q", "--unsandboxed", "--", "/nonexistent/server"});
    CHECK(missing.exit_code == 3);
  }

  TEST_CASE("a scan interrupted with SIGTERM kills the server it launched before it dies") {
    auto dir = test_dir("e2e-interrupt");
    std::string marker = (dir / "hangs-marker").string();  // an argument only this server carries
    // Anchored on the interpreter so it matches the server, not the shell whose script names it.
    std::string pattern = assay::testing::shell_quote("^[^ ]*python3 testdata/servers/broken-hangs/server.py .*hangs-marke[r]");
    std::string script = "cd " + assay::testing::shell_quote(ASSAY_SOURCE_DIR) + " || exit 1; " +
                         assay::testing::shell_quote(ASSAY_CLI) + " scan -q --unsandboxed --timeout 60 --inventory-dir " +
                         assay::testing::shell_quote(dir.string()) + " -- " + kPython +
                         " testdata/servers/broken-hangs/server.py " + assay::testing::shell_quote(marker) +
                         " & scanner=$!; for i in $(seq 50); do pgrep -f " + pattern +
                         " >/dev/null && break; sleep 0.1; done; sleep 0.5; kill -TERM $scanner; wait $scanner; "
                         "echo \"scanner=$?\"; sleep 0.3; pgrep -f " + pattern +
                         " >/dev/null && echo survivor || echo gone";
    std::string out_file = (dir / "out").string();
    REQUIRE(std::system(("bash -c " + assay::testing::shell_quote(script) + " > " + out_file + " 2>&1").c_str()) == 0);
    std::string out = slurp(out_file);
    CHECK(out.find("scanner=143") != std::string::npos);  // died of SIGTERM, as an interrupted program should
    CHECK(out.find("gone") != std::string::npos);
  }

  TEST_CASE("the real server-everything and server-memory from npm are listed") {
    auto inv = run_cli({"inventory", "--unsandboxed", "--",
                        "node", "testdata/node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"});
    INFO(inv.err);
    REQUIRE(inv.exit_code == 0);
    json everything = json::parse(inv.out);
    CHECK(everything["tools"].size() >= 10);
    CHECK(everything["prompts"].size() >= 1);
    CHECK(everything["resources"].size() >= 1);

    auto mem_file = test_dir("e2e-memory") / "memory.jsonl";
    auto mem = run_cli({"inventory", "--unsandboxed", "--", "env", "MEMORY_FILE_PATH=" + mem_file.string(), "node",
                        "testdata/node_modules/@modelcontextprotocol/server-memory/dist/index.js"});
    INFO(mem.err);
    REQUIRE(mem.exit_code == 0);
    json memory = json::parse(mem.out);
    CHECK(memory["tools"].size() >= 9);
  }

  TEST_CASE("rules test passes and rules list prints the whole catalogue") {
    auto t = run_cli({"rules", "test"});
    CHECK(t.exit_code == 0);
    CHECK(t.out.find(" 0 failed") != std::string::npos);
    auto l = run_cli({"rules", "list", "--format", "json"});
    CHECK(l.exit_code == 0);
    CHECK(json::parse(l.out).size() >= 6);
  }

  TEST_CASE("--version and --help work") {
    CHECK(run_cli({"--version"}).out.find("mcp-assay ") == 0);
    auto help = run_cli({"scan", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Exit codes") != std::string::npos);
  }
}
