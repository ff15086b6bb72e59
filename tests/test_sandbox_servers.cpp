// The real MCP servers from npm start and list their tools normally under the sandbox, and do
// nothing at start-up that a hostile one would (no network, no DNS, no honeytoken, no canary).
#include <doctest/doctest.h>
#include <poll.h>

#include <chrono>

#include "tests/sandbox_test_support.h"

using namespace assay::testing;
using namespace assay::sandbox;

namespace {

const std::string kRequests =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"mcp-assay-test","version":"1"}}})"
    "\n"
    R"({"jsonrpc":"2.0","method":"notifications/initialized"})"
    "\n"
    R"({"jsonrpc":"2.0","id":2,"method":"tools/list"})"
    "\n";

struct ServerRun {
  std::string out;
  std::vector<Event> events;
};

// Sends initialize and tools/list, reads until the tools/list answer (bounded), then tears down.
ServerRun talk_to(SandboxConfig config) {
  ServerRun run;
  Sandbox box(std::move(config));
  REQUIRE(::write(box.stdin_fd(), kRequests.data(), kRequests.size()) == static_cast<ssize_t>(kRequests.size()));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (run.out.find(R"("id":2)") == std::string::npos && std::chrono::steady_clock::now() < deadline && run.out.size() < (1 << 20)) {
    pollfd p{box.stdout_fd(), POLLIN, 0};
    ::poll(&p, 1, 200);
    char buf[65536];
    ssize_t n = ::read(box.stdout_fd(), buf, sizeof buf);
    if (n > 0) run.out.append(buf, static_cast<std::size_t>(n));
    if (n == 0) break;
  }
  box.check_output(run.out, "stdout");
  box.kill_all();
  run.events = box.events();
  return run;
}

// Start-up behaviour no benign server needs; an empty list is a quiet start.
std::vector<std::string> suspicious(const ServerRun& run) {
  std::vector<std::string> found;
  for (const auto& e : run.events) {
    bool network = (e.kind == EventKind::connect || e.kind == EventKind::sendto) && e.protocol != "unix";
    if (network || e.honeytoken || e.kind == EventKind::dns_query || e.kind == EventKind::sinkhole_connection ||
        e.kind == EventKind::canary_seen || e.kind == EventKind::limit_hit)
      found.push_back(to_text(e));
  }
  return found;
}

SandboxConfig node_server(const std::string& package, std::vector<std::string> args) {
  SandboxConfig c;
  std::string dir = std::string(ASSAY_SOURCE_DIR) + "/testdata/node_modules/@modelcontextprotocol/" + package;
  c.argv = {"/usr/bin/node", dir + "/dist/index.js"};
  c.argv.insert(c.argv.end(), args.begin(), args.end());
  c.server_dir = std::string(ASSAY_SOURCE_DIR) + "/testdata";  // the package and its node_modules
  c.wall_clock_seconds = 60;
  return c;
}

}  // namespace

TEST_SUITE("sandbox real servers") {
  TEST_CASE("server-everything answers initialize and tools/list, and starts quietly") {
    auto run = talk_to(node_server("server-everything", {"stdio"}));
    CHECK(run.out.find(R"("name":"mcp-servers/everything")") != std::string::npos);
    CHECK(run.out.find(R"("tools":[)") != std::string::npos);
    CHECK(suspicious(run) == std::vector<std::string>{});
  }

  TEST_CASE("server-memory starts with its memory file in the private /tmp") {
    auto config = node_server("server-memory", {});
    config.extra_env = {"MEMORY_FILE_PATH=/tmp/memory.jsonl"};
    auto run = talk_to(config);
    CHECK(run.out.find(R"("name":"create_entities")") != std::string::npos);
    CHECK(suspicious(run) == std::vector<std::string>{});
  }

  TEST_CASE("server-filesystem serves the work dir") {
    auto run = talk_to(node_server("server-filesystem", {"/workdir"}));
    CHECK(run.out.find(R"("name":"read_text_file")") != std::string::npos);
    CHECK(suspicious(run) == std::vector<std::string>{});
  }
}
