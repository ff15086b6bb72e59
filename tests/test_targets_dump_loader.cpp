#include <doctest/doctest.h>

#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"

using namespace assay;
using namespace assay::targets;

namespace {

std::string input_error_of(const std::string& path, const std::string& text) {
  try {
    load_dump_text(path, text);
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a tools/list result loads with pointers into the file and a server name from the file name") {
  auto d = load_dump_text("dumps/weather.tools.json", R"({"tools": [{"name": "a", "inputSchema": {}}, {"name": "b"}]})");
  CHECK(d.inventory.server.name == "weather");
  REQUIRE(d.inventory.tools.size() == 2);
  CHECK(d.inventory.tools[1].source_pointer == "/tools/1");
  CHECK(d.inventory.origin == InventoryOrigin::dump_file);
}

TEST_CASE("a whole JSON-RPC response loads with pointers under /result") {
  auto d = load_dump_text("x.json", R"({"jsonrpc": "2.0", "id": 2, "result": {"tools": [{"name": "a"}]}})");
  REQUIRE(d.inventory.tools.size() == 1);
  CHECK(d.inventory.tools[0].source_pointer == "/result/tools/0");
}

TEST_CASE("an mcp-assay inventory loads back with its server block") {
  auto d = load_dump_text("inv.json", R"({"mcpAssayInventory": 1, "server": {"name": "mem", "instructions": "hi"},
    "tools": [{"name": "t"}], "prompts": [{"name": "p"}], "resources": [], "resourceTemplates": []})");
  CHECK(d.inventory.server.name == "mem");
  CHECK(d.inventory.server.instructions == "hi");
  CHECK(d.inventory.server_pointer == "/server");
  CHECK(d.inventory.prompts.size() == 1);
}

TEST_CASE("entries a hostile server malformed are skipped with a warning, not a crash") {
  auto d = load_dump_text("x.json", R"({"tools": [42, {"description": "no name"}, {"name": 7}, {"name": "ok", "description": 5}]})");
  REQUIRE(d.inventory.tools.size() == 1);
  CHECK(d.inventory.tools[0].description.empty());
  CHECK(d.inventory.warnings.size() == 3);
}

TEST_CASE("invalid JSON is an input error that says where") {
  std::string err = input_error_of("bad.json", "{\n  \"tools\": [\n    {\"name\": \"a\",\n  ]\n}");
  CHECK(err.find("bad.json: invalid JSON at line 4") != std::string::npos);
}

TEST_CASE("JSON that is not a tools list is an input error that says what was expected") {
  CHECK(input_error_of("x.json", R"({"hello": 1})").find("not a tools/list result") != std::string::npos);
  CHECK(input_error_of("x.json", R"({"mcpServers": {}})").find("client configuration files are not supported yet") !=
        std::string::npos);
  CHECK(input_error_of("x.json", R"({"jsonrpc": "2.0", "id": 1, "error": {"code": 1}})").find("is an error") !=
        std::string::npos);
}

TEST_CASE("a missing file, a directory and a tarball each get their own clear error") {
  auto err = [](const std::string& p) {
    try {
      load_dump_file(p);
    } catch (const AssayError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(err("/nonexistent/x.json").find("no such file") != std::string::npos);
  CHECK(err(ASSAY_SOURCE_DIR).find("a source directory or package tarball") != std::string::npos);
}

TEST_CASE("the locator points at the exact line and columns of a description") {
  std::string text = "{\n  \"tools\": [\n    {\n      \"name\": \"ä\",\n      \"description\": \"Adds\"\n    }\n  ]\n}\n";
  auto d = load_dump_text("x.json", text);
  auto loc = d.locator->locate("/tools/0/description");
  CHECK(loc.file == "x.json");
  CHECK(loc.start_line == 5);
  CHECK(loc.start_column == 22);
  CHECK(loc.end_line == 5);
  CHECK(loc.end_column == 28);
  auto name = d.locator->locate("/tools/0/name");
  CHECK(name.start_column == 15);
  CHECK(name.end_column == 18);  // "ä" is one code point
  auto unknown = d.locator->locate("/tools/0/inputSchema/properties/x");
  CHECK(unknown.start_line == 3);  // falls back to the tool object
}
