// StdioSession: requests after a timeout, failures that stick, and shutdown escalation.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "scanner/mcp/stdio_session.h"
#include "scanner/model/error.h"
#include "test_mcp_support.h"

using namespace assay;
using namespace assay::mcp;
using namespace assay::mcp::test;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

TEST_CASE("after a request times out the session stays usable and skips the late answer") {
  StdioSession session(python_fixture("good_server.py", {"--page-delay", "0.5"}), quick_limits(10000));
  session.initialize();
  CHECK_THROWS_WITH_AS(session.request("tools/list", nullptr, milliseconds(100)),
                       "server did not answer tools/list within 100 ms", AssayError);
  RpcResponse page = session.request("tools/list", {{"cursor", "page-3"}}, milliseconds(5000));
  REQUIRE(page.ok());
  // The late first-page answer arrives first and must not be taken for this one.
  CHECK(page.result["tools"].at(0)["name"] == "export_notes");
}

TEST_CASE("a JSON-RPC error answer is returned to the caller, not thrown") {
  StdioSession session(python_fixture("good_server.py"), quick_limits(10000));
  session.initialize();
  RpcResponse response = session.request("tools/call", {{"name", "nope"}});
  REQUIRE_FALSE(response.ok());
  CHECK(response.error->code == kMethodNotFound);
  CHECK(response.error->message == "Method not found");
}

TEST_CASE("after a fatal error every later request fails with the same message") {
  StdioSession session(python_fixture("garbage_server.py"), quick_limits(10000));
  std::string first;
  try {
    session.initialize();
  } catch (const AssayError& e) {
    first = e.what();
  }
  REQUIRE_FALSE(first.empty());
  CHECK_THROWS_WITH_AS(session.request("tools/list", nullptr), first.c_str(), AssayError);
}

TEST_CASE("close escalates to SIGKILL for a server that ignores end of input and SIGTERM") {
  LaunchSpec spec = python_fixture("stubborn_server.py");
  PidFile pids;
  pids.attach(spec);
  StdioSession session(spec, quick_limits(10000));
  session.initialize();
  auto start = Clock::now();
  session.close(milliseconds(200));
  CHECK(Clock::now() - start < milliseconds(3000));
  REQUIRE(pids.pids().size() == 1);
  CHECK(process_is_gone(pids.pids()[0]));
}

TEST_CASE("a server that exits at end of input is closed without waiting for the grace period") {
  StdioSession session(python_fixture("good_server.py"), quick_limits(10000));
  session.initialize();
  auto start = Clock::now();
  session.close(milliseconds(10000));
  CHECK(Clock::now() - start < milliseconds(3000));
  CHECK_THROWS_WITH_AS(session.request("tools/list", nullptr), "the session with the server is closed", AssayError);
}

TEST_CASE("a server and the child it forked are both killed when the session ends mid-request") {
  LaunchSpec spec = python_fixture("forking_hang_server.py");
  PidFile pids;
  pids.attach(spec);
  {
    StdioSession session(spec, quick_limits());
    // Python may take a while to start on a busy machine; the fork must have happened first.
    const auto until = Clock::now() + std::chrono::seconds(20);
    while (pids.pids().size() < 2 && Clock::now() < until) std::this_thread::sleep_for(milliseconds(20));
    CHECK_THROWS_AS(session.request("initialize", nullptr, milliseconds(300)), AssayError);
  }
  REQUIRE(pids.pids().size() == 2);
  CHECK(process_is_gone(pids.pids()[0]));
  CHECK(process_is_gone(pids.pids()[1]));
}

TEST_CASE("a server that never answers is killed with its group when the session is destroyed") {
  LaunchSpec spec = python_fixture("silent_server.py");
  PidFile pids;
  pids.attach(spec);
  pid_t leader = 0;
  {
    StdioSession session(spec, quick_limits());
    leader = session.pid();
    const auto until = Clock::now() + std::chrono::seconds(20);
    while (pids.pids().empty() && Clock::now() < until) std::this_thread::sleep_for(milliseconds(20));
  }
  REQUIRE(pids.pids().size() == 1);
  CHECK(pids.pids()[0] == leader);
  CHECK(process_is_gone(leader));
}
