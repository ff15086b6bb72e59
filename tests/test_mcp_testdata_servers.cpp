// The stdio client against the realistic fixture servers in testdata/servers.
#include <doctest/doctest.h>

#include <chrono>

#include "scanner/mcp/stdio_client.h"
#include "scanner/model/error.h"
#include "test_mcp_support.h"

using namespace assay;
using namespace assay::mcp;
using namespace assay::mcp::test;

namespace {

LaunchSpec testdata_server(const std::string& name) {
  LaunchSpec spec;
  spec.argv = {"python3", "servers/" + name + "/server.py"};
  spec.working_dir = std::string(ASSAY_SOURCE_DIR) + "/testdata";
  return spec;
}

std::string failure_of(const std::string& name, int request_ms) {
  try {
    fetch_inventory_stdio(testdata_server(name), quick_limits(request_ms));
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::target);
    return e.what();
  }
  FAIL("fetch_inventory_stdio did not fail for " << name);
  return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the stdio client lists the tools, prompt and resources of testdata/servers/notes-benign") {
  LiveResult live = fetch_inventory_stdio(testdata_server("notes-benign"), quick_limits(10000));
  const Inventory& inv = live.inventory;
  std::vector<std::string> names;
  for (const auto& t : inv.tools) names.push_back(t.name);
  CHECK(names == std::vector<std::string>{"add_note", "search_notes", "list_notes"});
  REQUIRE(inv.prompts.size() == 1);
  CHECK(inv.prompts[0].name == "summarize_notes");
  CHECK(inv.server.protocol_version == kLatestProtocolVersion);
  CHECK_FALSE(inv.server.instructions.empty());
  CHECK(inv.warnings.empty());
}

TEST_CASE("testdata's broken servers each fail with a clear target error") {
  CHECK(failure_of("broken-exits", 10000) == "server exited with code 1 before answering initialize: fatal: missing config");
  CHECK(contains(failure_of("broken-garbage", 10000), "server wrote a non-JSON line to stdout while answering initialize"));
  CHECK(contains(failure_of("broken-deep-json", 10000), "server sent JSON nested deeper than 128 levels"));
  CHECK(contains(failure_of("broken-huge-line", 10000), "server sent a line longer than 16777216 bytes"));
  CHECK(failure_of("broken-hangs", 1000) == "server did not answer initialize within 1000 ms");
}
