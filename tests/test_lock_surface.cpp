// scanner/lock: the normalized surface and its hashes: formatting and key order leave a hash
// alone, a change of meaning moves it; the lockfile reads back what it wrote, in a stable order.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "scanner/lock/canonical.h"
#include "scanner/lock/lockfile.h"
#include "scanner/lock/surface.h"
#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"

using namespace assay;
using namespace assay::lock;
using nlohmann::json;

namespace {

std::string hash_of(const std::string& text) { return canonical_hash(normalize(json::parse(text))); }

std::vector<SurfaceItem> surface_of_file(const std::string& name) {
  return surface_of(targets::load_dump_file(std::string(ASSAY_SOURCE_DIR) + "/testdata/lock/" + name).inventory);
}

Lockfile one_server_lock() {
  Lockfile lock;
  lock.servers.push_back({{"weather", ""}, surface_of_file("weather.v1.inventory.json"),
                          {{"alice", "2026-11-25T17:00:00Z", "reviewed in SEC-142", {"first approval"}}}, "", {}});
  return lock;
}

}  // namespace

TEST_SUITE("lock surface") {
  TEST_CASE("whitespace, key order, required order and 7.0 for 7 do not change a schema's hash") {
    std::string a = R"({"type":"object","properties":{"days":{"type":"integer","maximum":7}},"required":["a","b"]})";
    std::string b = "{\n  \"required\": [\"b\", \"a\"],\n  \"properties\": {\"days\": {\"maximum\": 7.0, \"type\": \"integer\"}},\n"
                    "  \"type\": \"object\"\n}";
    CHECK(hash_of(a) == hash_of(b));
    CHECK(hash_of(a).starts_with("sha256:"));
    CHECK(hash_of(a).size() == 7 + 64);
  }

  TEST_CASE("a semantic change moves the hash: a bound, a default, an enum value, a description") {
    std::string base = R"({"type":"object","properties":{"days":{"type":"integer","maximum":7,"default":3}}})";
    CHECK(hash_of(base) != hash_of(R"({"type":"object","properties":{"days":{"type":"integer","maximum":8,"default":3}}})"));
    CHECK(hash_of(base) != hash_of(R"({"type":"object","properties":{"days":{"type":"integer","maximum":7,"default":4}}})"));
    CHECK(hash_of(base) != hash_of(R"({"type":"object","properties":{"days":{"type":"number","maximum":7,"default":3}}})"));
    CHECK(hash_of(R"({"description":"Get the forecast."})") != hash_of(R"({"description":"Get the  forecast."})"));
    // Enum order is kept: a client shows values in the order given.
    CHECK(hash_of(R"({"enum":["a","b"]})") != hash_of(R"({"enum":["b","a"]})"));
  }

  TEST_CASE("the same surface written by another SDK yields the same items and hashes") {
    auto a = surface_of_file("weather.v1.inventory.json");
    auto b = surface_of_file("weather.v1-reformatted.inventory.json");
    REQUIRE(a.size() == 6);  // instructions, 2 tools, a prompt, a resource, a template
    REQUIRE(a.size() == b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].key == b[i].key);
      CHECK(a[i].sha256 == b[i].sha256);
    }
    CHECK(surface_hash(a) == surface_hash(b));
    // Sorted by kind, then key.
    CHECK(a[0].kind == ItemKind::instructions);
    CHECK(a[1].key == "get_alerts");
    CHECK(a[2].key == "get_forecast");
    CHECK(surface_hash(a) != surface_hash(surface_of_file("weather.v2-typo.inventory.json")));
  }

  TEST_CASE("a lockfile reads back what it wrote, and writing it again gives the same bytes") {
    std::string text = render_lockfile(one_server_lock());
    Lockfile back = parse_lockfile("mcp-assay.lock", text);
    REQUIRE(back.servers.size() == 1);
    CHECK(back.servers[0].key.name == "weather");
    CHECK(back.servers[0].items.size() == 6);
    CHECK(back.servers[0].approvals[0].reason == "reviewed in SEC-142");
    CHECK(render_lockfile(back) == text);
    // Keys in a fixed order, readable in review.
    CHECK(text.find("\"lockfileVersion\": 1") < text.find("\"servers\""));
    CHECK(text.find("\"name\": \"weather\"") < text.find("\"surfaceSha256\""));
    CHECK(text.find("\"surfaceSha256\"") < text.find("\"approvals\""));
    // Item locations point at their entries.
    CHECK(back.locator->locate(back.servers[0].item_pointers[1]).start_line > 1);
  }

  TEST_CASE("servers are written sorted by name and launch whatever order they were pinned in") {
    Lockfile lock = one_server_lock();
    lock.servers.push_back({{"alpha", "stdio: node a.js"}, {}, {{"bob", "2026-11-25T17:00:00Z", "r", {}}}, "", {}});
    std::string text = render_lockfile(lock);
    CHECK(text.find("\"alpha\"") < text.find("\"weather\""));
    CHECK(text.find("\"launch\": \"stdio: node a.js\"") != std::string::npos);
  }

  TEST_CASE("a bad lockfile is one clear input error naming the file and what is wrong") {
    auto error_of = [](const std::string& text) {
      try {
        parse_lockfile("x.lock", text);
      } catch (const AssayError& e) {
        CHECK(e.kind() == ErrorKind::input);
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(error_of("{\"lockfileVersion\": 1,\n \"servers\": [}") .starts_with("x.lock: not valid JSON (line 2"));
    CHECK(error_of("{\"tools\": []}").find("not an mcp-assay lockfile") != std::string::npos);
    CHECK(error_of("{\"lockfileVersion\": 2, \"servers\": []}") ==
          "x.lock: lockfile version 2 is not supported (this mcp-assay reads version 1)");
    CHECK(error_of("{\"lockfileVersion\": 1, \"servers\": [{\"name\": \"w\"}]}").find("approvals") != std::string::npos);
    // A hand edit of a declaration without its hash is caught.
    std::string text = render_lockfile(one_server_lock());
    auto at = text.find("Get the daily weather forecast");
    REQUIRE(at != std::string::npos);
    text.replace(at, 3, "Fetch");
    CHECK(error_of(text).find("sha256 does not match the declaration") != std::string::npos);
    CHECK_THROWS_AS(read_lockfile("/nonexistent/mcp-assay.lock"), AssayError);
  }
}
