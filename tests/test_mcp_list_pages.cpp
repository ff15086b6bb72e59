// Cursor pagination: bounds, loops, and which errors are tolerated.
#include <doctest/doctest.h>

#include <map>

#include "scanner/mcp/list_pages.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::mcp;
using nlohmann::json;

namespace {

// A fake server whose pages are keyed by cursor ("" for the first page).
RequestFn pages(std::map<std::string, json> by_cursor, int* calls = nullptr) {
  return [by_cursor, calls](const std::string&, const json& params) {
    if (calls) ++*calls;
    std::string cursor = params.is_object() ? params.value("cursor", "") : "";
    RpcResponse r;
    r.result = by_cursor.at(cursor);
    return r;
  };
}

RpcResponse error_response(int64_t code) {
  RpcResponse r;
  r.error = RpcError{code, "nope", nullptr};
  return r;
}

}  // namespace

TEST_CASE("pages are followed through nextCursor until a page has none") {
  std::vector<std::string> warnings;
  auto items = list_all_pages(pages({{"", {{"tools", {1, 2}}, {"nextCursor", "b"}}},
                                     {"b", {{"tools", {3}}, {"nextCursor", "c"}}},
                                     {"c", {{"tools", {4}}}}}),
                              "tools/list", "tools", {200, 20000}, warnings);
  CHECK(items == std::vector<json>{1, 2, 3, 4});
  CHECK(warnings.empty());
}

TEST_CASE("a cursor seen before stops pagination with a warning") {
  std::vector<std::string> warnings;
  int calls = 0;
  auto items = list_all_pages(pages({{"", {{"tools", {1}}, {"nextCursor", "x"}}},
                                     {"x", {{"tools", {2}}, {"nextCursor", "x"}}}}, &calls),
                              "tools/list", "tools", {200, 20000}, warnings);
  CHECK(items.size() == 2);
  CHECK(calls == 2);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "tools/list returned the cursor \"x\" twice; pagination stopped");
}

TEST_CASE("max_pages and max_items bound an endless or huge list") {
  int n = 0;
  RequestFn endless = [&n](const std::string&, const json&) {
    RpcResponse r;
    r.result = {{"tools", {n}}, {"nextCursor", "c" + std::to_string(++n)}};
    return r;
  };
  std::vector<std::string> warnings;
  CHECK(list_all_pages(endless, "tools/list", "tools", {5, 20000}, warnings).size() == 5);
  CHECK(warnings.at(0) == "tools/list stopped after 5 pages (max_pages)");

  warnings.clear();
  auto items = list_all_pages(pages({{"", {{"tools", json::array({1, 2, 3, 4})}}}}), "tools/list", "tools", {5, 3},
                              warnings);
  CHECK(items.size() == 3);
  CHECK(warnings.at(0) == "tools/list stopped after 3 entries (max_items)");
}

TEST_CASE("method not found for an advertised list is a warning, any other error fails the scan") {
  std::vector<std::string> warnings;
  RequestFn missing = [](const std::string&, const json&) { return error_response(kMethodNotFound); };
  CHECK(list_all_pages(missing, "prompts/list", "prompts", {5, 5}, warnings).empty());
  CHECK(warnings.at(0) == "server advertised prompts/list but answered it with JSON-RPC error -32601: nope");

  RequestFn broken = [](const std::string&, const json&) { return error_response(-32603); };
  CHECK_THROWS_WITH_AS(list_all_pages(broken, "tools/list", "tools", {5, 5}, warnings),
                       "server answered tools/list with JSON-RPC error -32603: nope", AssayError);
}

TEST_CASE("a page without the expected array is a warning, and an empty cursor ends the list") {
  std::vector<std::string> warnings;
  auto items = list_all_pages(pages({{"", {{"nextCursor", ""}}}}), "tools/list", "tools", {5, 5}, warnings);
  CHECK(items.empty());
  CHECK(warnings.at(0) == "tools/list page 1 has no \"tools\" array");
}
