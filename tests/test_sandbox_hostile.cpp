// Hostile fixture programs under the sandbox: each is contained, and what it tried is recorded.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "sandbox/decoy/honeytoken_home.h"
#include "tests/cli_runner.h"
#include "tests/sandbox_test_support.h"

using namespace assay::testing;
using namespace assay::sandbox;
namespace fs = std::filesystem;

namespace {

const char* kPython = "/usr/bin/python3";
const char* kNode = "/usr/bin/node";

bool has_event(const SandboxRun& run, EventKind kind, const std::function<bool(const Event&)>& also) {
  return !events_of(run, kind, also).empty();
}

std::vector<std::string> canary_labels_seen(const SandboxRun& run, const std::string& where) {
  std::vector<std::string> labels;
  for (const auto& e : events_of(run, EventKind::canary_seen, [&](const Event& e) { return e.detail == where; }))
    labels.push_back(e.canary);
  return labels;
}

}  // namespace

TEST_SUITE("sandbox hostile") {
  TEST_CASE("a credential sweep opens every honeytoken, and each open is recorded as one") {
    auto run = run_in_sandbox(command({"/bin/sh", fixture("read_honeytokens.sh")}));
    CHECK(run.exit == "exited with code 0");
    CHECK(run.out == "swept /home/alex\n");
    int honeytokens = 0;
    for (const auto& f : honeytoken_home(CanarySet::generate())) {
      if (!f.honeytoken) continue;
      ++honeytokens;
      std::string path = run.home + "/" + f.relative_path;
      CHECK_MESSAGE(has_event(run, EventKind::file_open, [&](const Event& e) { return e.path == path && e.honeytoken; }),
                    "no honeytoken open of ", path);
    }
    CHECK(honeytokens >= 10);
    // Reading is all it did: nothing went out.
    CHECK(events_of(run, EventKind::sinkhole_connection).empty());
    CHECK(events_of(run, EventKind::dns_query).empty());
    CHECK(events_of(run, EventKind::canary_seen).empty());
  }

  TEST_CASE("a connection to a public address lands in the sinkhole, with the canary it carried") {
    auto run = run_in_sandbox(command({kPython, fixture("connect_out.py")}));
    CHECK(run.exit == "exited with code 0");
    CHECK(run.out == "sent to port 443\nsent to port 4444\n");
    for (int port : {443, 4444}) {
      auto dialled = [&](const Event& e) { return e.address == "93.184.216.34" && e.port == port && e.protocol == "tcp"; };
      CHECK(has_event(run, EventKind::connect, [&](const Event& e) { return dialled(e) && e.pid == events_of(run, EventKind::exec)[0].pid; }));
      CHECK(has_event(run, EventKind::sinkhole_connection, dialled));
      CHECK(has_event(run, EventKind::sinkhole_data, [&](const Event& e) {
        return dialled(e) && e.data.rfind("POST /collect HTTP/1.1\r\n", 0) == 0 &&
               e.detail.find("host=collector.example.net") != std::string::npos;
      }));
    }
    CHECK(canary_labels_seen(run, "sinkhole") == std::vector<std::string>{"env-GITHUB_TOKEN", "env-GITHUB_TOKEN"});
  }

  TEST_CASE("secrets smuggled out in DNS names are caught in the DNS responder") {
    auto run = run_in_sandbox(command({kPython, fixture("dns_exfil.py")}));
    CHECK(run.exit == "exited with code 0");
    CHECK(run.out.rfind("looked up ", 0) == 0);
    auto queries = events_of(run, EventKind::dns_query, [](const Event& e) {
      return e.name.size() > 20 && e.name.substr(e.name.size() - 20) == ".x.exfil-example.net";
    });
    REQUIRE_FALSE(queries.empty());
    CHECK(queries[0].detail == "A");
    auto labels = canary_labels_seen(run, "dns");
    REQUIRE_FALSE(labels.empty());
    CHECK(labels[0] == "env-AWS_SECRET_ACCESS_KEY");
    CHECK(events_of(run, EventKind::sinkhole_connection).empty());
  }

  TEST_CASE("a fork bomb is held at the process limit and dies at the wall clock, leaving nothing") {
    auto config = command({"/bin/bash", fixture("fork_bomb.sh")});
    config.max_processes = 64;
    config.wall_clock_seconds = 4;
    auto run = run_in_sandbox(config, 30, 4096);
    CHECK(has_event(run, EventKind::limit_hit, [](const Event& e) { return e.detail.rfind("processes: ", 0) == 0; }));
    // The kernel refused the forks beyond the limit: bash says so on stderr.
    CHECK(run.err.find("fork: retry: Resource temporarily unavailable") != std::string::npos);
    CHECK(has_event(run, EventKind::limit_hit, [](const Event& e) { return e.detail.rfind("wall clock: ", 0) == 0; }));
    CHECK(run.exit == "was killed at the wall-clock limit (4.00 s)");
    CHECK(run.seconds < 15);
    CHECK_FALSE(namespace_has_processes(run.pid_namespace));
  }

  TEST_CASE("writes outside the work dir are recorded; the host never sees them") {
    auto run = run_in_sandbox(command({"/bin/sh", fixture("write_outside.sh")}));
    CHECK(run.exit == "exited with code 0");
    // The host is read-only: only the decoy home and the private /tmp take the writes.
    CHECK(run.out == "wrote ~/.bashrc\nwrote /tmp\nwrote the work dir\n");
    for (std::string path : {"/etc/mcp-assay-fixture-owned", "/usr/local/bin/mcp-assay-fixture-dropper",
                             "/home/alex/.bashrc", "/tmp/mcp-assay-fixture-dropper"})
      CHECK_MESSAGE(has_event(run, EventKind::file_write, [&](const Event& e) { return e.path == path; }), "no write of ", path);
    CHECK(has_event(run, EventKind::file_chmod, [](const Event& e) {
      return e.path == "/tmp/mcp-assay-fixture-dropper" && e.flags == 0755;
    }));
    CHECK_FALSE(has_event(run, EventKind::file_write, [](const Event& e) { return e.path.rfind("/workdir/", 0) == 0; }));
    CHECK_FALSE(fs::exists("/etc/mcp-assay-fixture-owned"));
    CHECK_FALSE(fs::exists("/usr/local/bin/mcp-assay-fixture-dropper"));
    CHECK_FALSE(fs::exists("/tmp/mcp-assay-fixture-dropper"));
  }

  TEST_CASE("signals and ptrace aimed at the parent are recorded and change nothing") {
    auto run = run_in_sandbox(command({kPython, fixture("signal_parent.py")}));
    // Its parent is the sandbox's init, which ignores signals from inside and cannot be traced.
    CHECK(run.exit == "exited with code 0");
    CHECK(run.out.find("still here\n") != std::string::npos);
    CHECK(run.out.find("ptrace attach 1 -> -1 Operation not permitted") != std::string::npos);
    CHECK(has_event(run, EventKind::signal, [](const Event& e) { return e.target_pid == 1 && e.flags == 15; }));
    CHECK(has_event(run, EventKind::signal, [](const Event& e) { return e.target_pid == 1 && e.flags == 9; }));
    CHECK(has_event(run, EventKind::ptrace, [](const Event& e) { return e.target_pid == 1 && e.flags == 16; }));
  }

  TEST_CASE("a stdout flood is bounded by the reader and ended by the wall clock") {
    auto config = command({kNode, fixture("flood_stdout.js")});
    config.wall_clock_seconds = 3;
    auto run = run_in_sandbox(config, 30, 1 << 20);
    CHECK(run.out.size() == (1u << 20));
    CHECK(run.out_total > (1u << 20));
    CHECK(run.exit == "was killed at the wall-clock limit (3.00 s)");
    CHECK(run.seconds < 10);
    CHECK_FALSE(namespace_has_processes(run.pid_namespace));
  }

  TEST_CASE("a process that sleeps forever and ignores SIGTERM is killed at the deadline") {
    auto config = command({kPython, fixture("sleep_forever.py")});
    config.wall_clock_seconds = 2;
    auto run = run_in_sandbox(config);
    CHECK(run.out == "sleeping\n");
    CHECK(run.exit == "was killed at the wall-clock limit (2.00 s)");
    CHECK(has_event(run, EventKind::limit_hit, [](const Event& e) { return e.detail.rfind("wall clock: ", 0) == 0; }));
    CHECK(run.seconds > 1.9);
    CHECK(run.seconds < 6);
    CHECK_FALSE(namespace_has_processes(run.pid_namespace));
  }

  TEST_CASE("the real home is not visible: not at its path, not in /root, not in /home") {
    auto home = test_dir("sandbox-real-home");
    std::ofstream(home / "marker-secret.txt") << "the user's real secret\n";
    std::string saved = std::getenv("HOME") ? std::getenv("HOME") : "";
    ::setenv("HOME", home.c_str(), 1);
    auto run = run_in_sandbox(command({kNode, fixture("read_real_home.js"), home.string()}));
    ::setenv("HOME", saved.c_str(), 1);
    CHECK(run.exit == "exited with code 0");
    auto report = nlohmann::json::parse(run.out);
    CHECK(report[home.string()] == "ENOENT");
    CHECK(report["/root"] == nlohmann::json::array());
    CHECK(report["/home"] == nlohmann::json::array({"alex"}));
    CHECK(report["marker"] == "ENOENT");
    CHECK(run.out.find("real secret") == std::string::npos);
    CHECK(has_event(run, EventKind::file_open, [&](const Event& e) { return e.path == home.string() + "/marker-secret.txt"; }));
  }
}
