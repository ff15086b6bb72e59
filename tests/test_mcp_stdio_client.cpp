// fetch_inventory_stdio against small hostile and well-behaved fixture servers.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scanner/mcp/stdio_client.h"
#include "scanner/model/error.h"
#include "test_mcp_support.h"

using namespace assay;
using namespace assay::mcp;
using namespace assay::mcp::test;
using Clock = std::chrono::steady_clock;

namespace {

// Runs the fetch, expecting it to fail with a target error; returns the message.
std::string target_failure(const LaunchSpec& spec, const ClientLimits& limits) {
  try {
    fetch_inventory_stdio(spec, limits);
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::target);
    return e.what();
  }
  FAIL("fetch_inventory_stdio did not fail");
  return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

bool any_contains(const std::vector<std::string>& lines, const std::string& needle) {
  for (const auto& l : lines)
    if (contains(l, needle)) return true;
  return false;
}

long elapsed_ms(Clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count());
}

}  // namespace

TEST_CASE("a well-behaved server's tools are listed across three pages, with its prompts and resources") {
  LaunchSpec spec = python_fixture("good_server.py");
  PidFile pids;
  pids.attach(spec);
  LiveResult live = fetch_inventory_stdio(spec, quick_limits(10000));
  const Inventory& inv = live.inventory;

  std::vector<std::string> names;
  for (const auto& t : inv.tools) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"add_note", "list_notes", "search_notes", "delete_note", "export_notes"});
  CHECK(inv.tools[0].input_schema["properties"].contains("text"));
  REQUIRE(inv.prompts.size() == 1);
  CHECK(inv.prompts[0].arguments.at(0).required);
  REQUIRE(inv.resources.size() == 1);
  CHECK(inv.resources[0].uri == "notes://all");
  REQUIRE(inv.resource_templates.size() == 1);
  CHECK(inv.resource_templates[0].uri_template == "notes://{id}");
  CHECK(inv.server.name == "good-fixture");
  CHECK(inv.server.version == "1.2.3");
  CHECK(inv.server.protocol_version == kLatestProtocolVersion);
  CHECK(inv.server.instructions == "Notes live in ~/notes; never delete without asking.");
  CHECK(inv.server.capabilities.contains("tools"));
  CHECK(inv.origin == InventoryOrigin::live_unsandboxed);
  CHECK(inv.warnings.empty());
  REQUIRE(pids.pids().size() == 1);
  CHECK(process_is_gone(pids.pids()[0]));
}

TEST_CASE("the client offers the latest protocol version and sends initialized before listing") {
  LaunchSpec spec = python_fixture("good_server.py");
  std::string record = (std::filesystem::temp_directory_path() /
                        ("mcp-assay-record-" + std::to_string(::getpid()) + ".jsonl")).string();
  std::filesystem::remove(record);
  spec.extra_env.emplace_back("FIXTURE_RECORD_FILE", record);
  fetch_inventory_stdio(spec, quick_limits(10000));

  std::vector<nlohmann::json> sent;
  std::ifstream in(record);
  for (std::string line; std::getline(in, line);) sent.push_back(nlohmann::json::parse(line));
  std::filesystem::remove(record);
  REQUIRE(sent.size() >= 4);
  CHECK(sent[0]["method"] == "initialize");
  CHECK(sent[0]["params"]["protocolVersion"] == kLatestProtocolVersion);
  CHECK(sent[0]["params"]["clientInfo"]["name"] == "mcp-assay");
  CHECK(sent[0]["params"]["capabilities"] == nlohmann::json::object());
  CHECK(sent[1]["method"] == "notifications/initialized");
  CHECK_FALSE(sent[1].contains("id"));
  CHECK(sent[2]["method"] == "tools/list");
  CHECK_FALSE(sent[2].contains("params"));
  CHECK(sent[3]["params"]["cursor"] == "page-2");
}

TEST_CASE("a server answering with protocol version 2024-11-05 is accepted and the version recorded") {
  LiveResult live = fetch_inventory_stdio(python_fixture("old_protocol_server.py"), quick_limits(10000));
  CHECK(live.inventory.server.protocol_version == "2024-11-05");
  REQUIRE(live.inventory.tools.size() == 1);
  CHECK(live.inventory.tools[0].name == "legacy_tool");
}

TEST_CASE("a command that does not exist fails with a target error naming it") {
  LaunchSpec spec;
  spec.argv = {"mcp-assay-no-such-server-command"};
  CHECK(target_failure(spec, quick_limits()) == "command not found: mcp-assay-no-such-server-command");
}

TEST_CASE("a file that is not executable fails with a target error saying so") {
  auto path = std::filesystem::temp_directory_path() / ("mcp-assay-noexec-" + std::to_string(::getpid()));
  std::ofstream(path) << "#!/bin/sh\necho hi\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  LaunchSpec spec;
  spec.argv = {path.string()};
  std::string message = target_failure(spec, quick_limits());
  std::filesystem::remove(path);
  CHECK(message == "cannot execute " + path.string() + ": permission denied");
}

TEST_CASE("an executable file the kernel cannot run fails with a target error and leaves no zombie") {
  auto path = std::filesystem::temp_directory_path() / ("mcp-assay-badexec-" + std::to_string(::getpid()));
  std::ofstream(path) << "\x7f" "ELF but not really\n";
  std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  LaunchSpec spec;
  spec.argv = {path.string()};
  std::string message = target_failure(spec, quick_limits());
  std::filesystem::remove(path);
  CHECK(message == "cannot start " + path.string() + ": Exec format error");
  siginfo_t info{};
  int rc = ::waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT);
  CHECK((rc == -1 || info.si_pid == 0));  // no children at all, or none waiting to be reaped
}

TEST_CASE("a server that exits at once fails with its exit code and last stderr line") {
  CHECK(target_failure(python_fixture("crash_on_start.py"), quick_limits(10000)) ==
        "server exited with code 1 before answering initialize: fatal: missing config");
}

TEST_CASE("a server that never answers initialize fails within the request timeout") {
  auto start = Clock::now();
  std::string message = target_failure(python_fixture("silent_server.py"), quick_limits(1000));
  CHECK(message == "server did not answer initialize within 1000 ms");
  CHECK(elapsed_ms(start) < 2500);
}

TEST_CASE("a server that writes a non-JSON line fails, quoting the line with control bytes escaped") {
  std::string message = target_failure(python_fixture("garbage_server.py"), quick_limits(10000));
  CHECK(message ==
        "server wrote a non-JSON line to stdout while answering initialize: "
        "\"Server listening on stdio \\x1b[31mready\\x1b[0m\"");
}

TEST_CASE("a 20 MiB line fails as longer than max_message_bytes") {
  std::string message = target_failure(python_fixture("long_line_server.py"), quick_limits(10000));
  CHECK(message == "server sent a line longer than 16777216 bytes while answering initialize");
}

TEST_CASE("the total stdout bytes are bounded by max_total_bytes") {
  ClientLimits limits = quick_limits(10000);
  limits.max_total_bytes = 300;
  std::string message = target_failure(python_fixture("good_server.py"), limits);
  CHECK(contains(message, "server wrote more than 300 bytes to stdout"));
}

TEST_CASE("JSON nested 10000 levels deep is rejected before it reaches the parser") {
  std::string message = target_failure(python_fixture("deep_json_server.py"), quick_limits(10000));
  CHECK(message == "server sent JSON nested deeper than 128 levels while answering initialize");
}

TEST_CASE("a server that exits while its child holds stdout open is reported at once and the child killed") {
  LaunchSpec spec = python_fixture("orphaning_server.py");
  PidFile pids;
  pids.attach(spec);
  auto start = Clock::now();
  std::string message = target_failure(spec, quick_limits(30000));
  CHECK(elapsed_ms(start) < 15000);
  CHECK(message == "server exited with code 3 before answering initialize: fatal: giving up");
  REQUIRE(pids.pids().size() == 2);
  CHECK(process_is_gone(pids.pids()[0]));
  CHECK(process_is_gone(pids.pids()[1]));
}

TEST_CASE("a server flooding stderr with 50 MB is still listed, and only a bounded tail is kept") {
  LiveResult live = fetch_inventory_stdio(python_fixture("stderr_flood_server.py"), quick_limits(10000));
  REQUIRE(live.inventory.tools.size() == 1);
  CHECK(live.inventory.tools[0].name == "noisy");
  CHECK(live.stderr_tail.size() <= ClientLimits{}.max_stderr_bytes);
  CHECK(contains(live.stderr_tail, "flood done\n"));
}

TEST_CASE("before its answer a server may notify, ping and ask for sampling: ping gets {} and sampling -32601") {
  LiveResult live = fetch_inventory_stdio(python_fixture("notify_and_ping_server.py"), quick_limits(10000));
  auto replies = nlohmann::json::parse(live.inventory.server.instructions);
  CHECK(replies["ping"]["result"] == nlohmann::json::object());
  CHECK_FALSE(replies["ping"].contains("error"));
  CHECK(replies["sampling"]["error"]["code"] == -32601);
  REQUIRE(live.inventory.tools.size() == 1);
  CHECK(live.inventory.tools[0].name == "echo");
}

TEST_CASE("an initialize answered with a JSON-RPC error fails quoting the error") {
  CHECK(target_failure(python_fixture("init_error_server.py"), quick_limits(10000)) ==
        "server answered initialize with JSON-RPC error -32602: Unsupported protocol version");
}

TEST_CASE("a sloppy server's unusable entries are skipped with warnings and a repeated cursor ends paging") {
  LiveResult live = fetch_inventory_stdio(python_fixture("sloppy_server.py"), quick_limits(10000));
  const Inventory& inv = live.inventory;
  // One page twice would double every tool: the repeated cursor stops after the second page.
  REQUIRE(inv.tools.size() == 4);
  CHECK(inv.tools[0].description == "Reads \xEF\xBF\xBD a file \xEF\xBF\xBD safely");
  CHECK(any_contains(inv.warnings, "tools/list returned the cursor \"again\" twice; pagination stopped"));
  CHECK(any_contains(inv.warnings, "tools/list entry 1 skipped: tool entry is not an object"));
  CHECK(any_contains(inv.warnings, "tools/list entry 2 skipped: tool entry has no name"));
  CHECK(any_contains(inv.warnings, "the tool name \"read_file\" more than once"));
  CHECK(any_contains(inv.warnings, "server advertised resources/templates/list but answered it with JSON-RPC error -32601"));
  CHECK(any_contains(inv.warnings, "ill-formed UTF-8"));
  REQUIRE(inv.resources.size() == 1);
}

TEST_CASE("a server that closes its stdin makes the fetch fail cleanly instead of killing us with SIGPIPE") {
  LaunchSpec spec = python_fixture("closed_stdin_server.py");
  PidFile pids;
  pids.attach(spec);
  std::string message = target_failure(spec, quick_limits(10000));
  CHECK(message == "server closed its stdin while we sent notifications/initialized (stderr was empty)");
  REQUIRE(pids.pids().size() == 1);
  CHECK(process_is_gone(pids.pids()[0]));
}

TEST_CASE("the total timeout bounds a server that answers every page slowly") {
  // Six list calls of one second each, none slower than the request timeout.
  ClientLimits limits = quick_limits(10000);
  limits.total_timeout = std::chrono::milliseconds(3000);
  auto start = Clock::now();
  std::string message = target_failure(python_fixture("good_server.py", {"--page-delay", "1.0"}), limits);
  CHECK(contains(message, "the session exceeded its total timeout of 3000 ms waiting for the answer to "));
  CHECK(elapsed_ms(start) < 4500);
}

TEST_CASE("a server inherits only stdin, stdout and stderr, none of the scanner's other descriptors") {
  // A descriptor opened without O_CLOEXEC, as careless code elsewhere in a host program might.
  int leaked = ::open("/dev/null", O_RDONLY);
  REQUIRE(leaked >= 0);
  REQUIRE(::dup2(leaked, 200) == 200);
  ::close(leaked);
  LiveResult live = fetch_inventory_stdio(python_fixture("fd_report_server.py"), quick_limits(10000));
  ::close(200);
  auto fds = nlohmann::json::parse(live.inventory.server.instructions).get<std::vector<int>>();
  // 0-2 are the pipes; Python's listdir of /proc/self/fd adds one descriptor of its own.
  CHECK(fds.size() <= 4);
  CHECK(std::find(fds.begin(), fds.end(), 200) == fds.end());
}
