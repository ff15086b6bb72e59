// Config files of every format become one JSON tree with positions: JSONC leniency, YAML, TOML.
#include <doctest/doctest.h>

#include "scanner/discovery/config_tree.h"
#include "scanner/discovery/jsonc.h"
#include "scanner/model/error.h"

using namespace assay::discovery;

TEST_SUITE("discovery") {
  TEST_CASE("JSONC comments and trailing commas are blanked without moving any position") {
    std::string in = "{\n  // a comment with \"quotes\"\n  \"a\": \"http://x/y\", /* block */\n  \"b\": [1, 2,],\n}\n";
    std::string out = blank_jsonc_extras(in);
    CHECK(out.size() == in.size());
    auto j = nlohmann::json::parse(out);
    CHECK(j["a"] == "http://x/y");
    CHECK(j["b"].size() == 2);
    CHECK(std::count(out.begin(), out.end(), '\n') == std::count(in.begin(), in.end(), '\n'));
  }

  TEST_CASE("a JSONC file locates values on the lines where they are written") {
    auto t = load_config_text("s.json", "// header\n{\n  \"mcp\": {\n    \"servers\": {\n      \"x\": {\"command\": \"a\"},\n    },\n  },\n}\n",
                              ConfigFormat::json);
    CHECK(t.locate("/mcp/servers/x").start_line == 5);
    CHECK(t.root["mcp"]["servers"]["x"]["command"] == "a");
  }

  TEST_CASE("YAML keeps booleans and reports the line of each key") {
    auto t = load_config_text("c.yaml", "a: 1\nextensions:\n  gh:\n    enabled: false\n    cmd: npx\n", ConfigFormat::yaml);
    CHECK(t.root["extensions"]["gh"]["enabled"] == false);
    CHECK(t.root["extensions"]["gh"]["cmd"] == "npx");
    CHECK(t.locate("/extensions/gh").start_line == 3);
    CHECK(t.locate("/extensions/gh/cmd").start_line == 5);
  }

  TEST_CASE("TOML tables point at their header line") {
    auto t = load_config_text("c.toml", "model = \"m\"\n\n[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\"]\n",
                              ConfigFormat::toml);
    CHECK(t.root["mcp_servers"]["docs"]["command"] == "npx");
    CHECK(t.locate("/mcp_servers/docs").start_line == 3);
    CHECK(t.locate("/mcp_servers/docs/args/0").start_line == 5);
  }

  TEST_CASE("malformed configs are input errors naming file and line") {
    auto message = [](const std::string& name, const std::string& text, ConfigFormat f) {
      try {
        load_config_text(name, text, f);
      } catch (const assay::AssayError& e) {
        CHECK(e.kind() == assay::ErrorKind::input);
        return std::string(e.what());
      }
      return std::string("no error");
    };
    CHECK(message("a.json", "{\n\"x\": }", ConfigFormat::json).find("a.json: invalid JSON at line 2") == 0);
    CHECK(message("b.yaml", "a: [1,\n", ConfigFormat::yaml).find("b.yaml: invalid YAML at line") == 0);
    CHECK(message("c.toml", "x = \n", ConfigFormat::toml).find("c.toml: invalid TOML at line 1") == 0);
    CHECK(message("d.json", std::string(100, '[') + std::string(100, ']'), ConfigFormat::json).find("nested deeper") !=
          std::string::npos);
  }
}
