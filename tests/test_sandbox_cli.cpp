// `mcp-assay sandbox`: runs a command under the sandbox and prints its events (text or JSON lines).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli_runner.h"

using namespace assay::testing;

namespace {

std::vector<nlohmann::json> json_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace

TEST_SUITE("e2e sandbox cli") {
  TEST_CASE("--json prints one event per line and a summary; the canary sent out is caught") {
    auto r = run_cli({"sandbox", "--json", "--timeout", "20", "--", "/usr/bin/python3", "tests/fixtures/sandbox/connect_out.py"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    auto lines = json_lines(r.out);
    REQUIRE(lines.size() > 3);
    auto summary = lines.back()["summary"];
    CHECK(summary["level"] == "full");
    CHECK(summary["exit"] == "exited with code 0");
    CHECK(summary["stdout"] == "sent to port 443\nsent to port 4444\n");
    CHECK(lines.front()["kind"] == "exec");
    CHECK(lines.front()["path"] == "/usr/bin/python3");
    int canaries = 0, sinkholed = 0;
    for (const auto& l : lines) {
      canaries += l.value("kind", "") == "canary_seen" && l.value("canary", "") == "env-GITHUB_TOKEN";
      sinkholed += l.value("kind", "") == "sinkhole_connection" && l.value("address", "") == "93.184.216.34";
    }
    CHECK(canaries == 2);
    CHECK(sinkholed == 2);
  }

  TEST_CASE("text output ends with the level and how the command ended; a relative script path works") {
    auto r = run_cli({"sandbox", "--timeout", "1", "--", "/usr/bin/python3", "tests/fixtures/sandbox/sleep_forever.py"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find(" limit_hit wall clock: ") != std::string::npos);
    CHECK(r.out.find("sandbox full; the command was killed at the wall-clock limit (1.00 s); ") != std::string::npos);
  }

  TEST_CASE("what goes to our stdin reaches the command") {
    // run_cli gives the CLI /dev/null: the command sees end of input at once.
    auto r = run_cli({"sandbox", "--json", "--", "/bin/sh", "-c", "cat; echo done"});
    CHECK(r.exit_code == 0);
    CHECK(json_lines(r.out).back()["summary"]["stdout"] == "done\n");
  }

  TEST_CASE("a command missing in the sandbox is exit code 3 with one line") {
    auto r = run_cli({"sandbox", "--", "no-such-command-mcp-assay"});
    CHECK(r.exit_code == 3);
    CHECK(r.err == "mcp-assay: error: cannot run the command in the sandbox: the sandbox could not start: "
                   "no-such-command-mcp-assay: command not found in the sandbox\n");
  }

  TEST_CASE("no command after -- is a usage error") {
    auto r = run_cli({"sandbox", "--json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "mcp-assay: error: sandbox needs a command after `--`\n");
  }
}
