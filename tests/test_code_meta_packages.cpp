// Published npm packages with known CVEs, vulnerable and fixed, scanned as shipped (bundled,
// even minified, JavaScript from `npm pack`): the vulnerable version is reported at the sink,
// the fixed one is not.
#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/cli_runner.h"
#include "tests/code_meta_support.h"

using namespace assay;
using namespace assay::code;
namespace meta = assay::testing::meta;

namespace {

// Unpacks testdata/packages/<tgz> into a fresh directory and returns META's findings over its
// JavaScript but its bundled tests, paths relative to the package root ("package/dist/x.js").
std::vector<std::string> scan_package(const std::string& tgz, const std::vector<std::string>& only) {
  auto dir = assay::testing::test_dir("meta-package-" + tgz);
  std::string cmd = "tar xzf " +
                    assay::testing::shell_quote(std::string(ASSAY_SOURCE_DIR) + "/testdata/packages/" + tgz) + " -C " +
                    assay::testing::shell_quote(dir.string());
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::vector<ParsedFile> files;
  std::vector<std::filesystem::path> paths;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".js" &&
        e.path().string().find("__tests__") == std::string::npos)  // the package's own tests
      paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths)
    files.push_back(parse(SourceFile{std::filesystem::relative(p, dir).generic_string(), p.string(),
                                     Language::javascript, meta::read_text(p)}));
  std::vector<const ParsedFile*> pointers;
  for (const auto& f : files) pointers.push_back(&f);
  return meta::run_meta(pointers, only);
}

}  // namespace

TEST_SUITE("code meta packages") {
  TEST_CASE("figma-developer-mcp 0.6.0 (CVE-2025-53967): fileKey reaches exec in the minified bundle") {
    auto hits = scan_package("figma-developer-mcp-0.6.0.tgz", {"MCP121"});
    CHECK(hits == std::vector<std::string>{"MCP121:package/dist/chunk-IDC7NACK.js:2"});
  }

  TEST_CASE("figma-developer-mcp 0.6.4 (execFile with an argument array) has no command injection") {
    CHECK(scan_package("figma-developer-mcp-0.6.4.tgz", {"MCP121"}).empty());
  }

  TEST_CASE("server-filesystem 2025.3.28 (CVE-2025-53110): bare startsWith(dir) containment checks") {
    auto hits = scan_package("modelcontextprotocol-server-filesystem-2025.3.28.tgz", {"MCP128"});
    CHECK(hits == std::vector<std::string>{"MCP128:package/dist/index.js:52", "MCP128:package/dist/index.js:60",
                                           "MCP128:package/dist/index.js:72"});
  }

  TEST_CASE("server-filesystem 2025.7.1 compares against dir + path.sep") {
    CHECK(scan_package("modelcontextprotocol-server-filesystem-2025.7.1.tgz", {"MCP128"}) == std::vector<std::string>{});
  }

  TEST_CASE("server-filesystem: every file tool's path goes through validatePath, so no traversal finding") {
    CHECK(scan_package("modelcontextprotocol-server-filesystem-2025.7.1.tgz", {"MCP122"}).empty());
  }
}
