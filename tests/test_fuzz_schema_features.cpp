// The baseline generator and validator, one JSON Schema feature at a time.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/fuzz/string_formats.h"
#include "scanner/model/inventory.h"

using namespace assay::fuzz;
using nlohmann::json;

namespace {

Baseline base(const std::string& schema_text) { return make_baseline(json::parse(schema_text), PlanPaths{}); }

json args(const std::string& schema_text) {
  Baseline b = base(schema_text);
  INFO(schema_text << " -> " << b.arguments.dump());
  for (const auto& i : b.issues) INFO(i.pointer << ": " << i.message);
  CHECK(b.valid);
  return b.arguments;
}

// The value generated for one property `v` of the given schema.
json value_for(const std::string& property_schema) {
  json a = args(R"({"type":"object","properties":{"v":)" + property_schema + R"(},"required":["v"]})");
  REQUIRE(a.contains("v"));
  return a["v"];
}

}  // namespace

TEST_SUITE("fuzz-schema") {
  TEST_CASE("a baseline holds every required property and leaves optional ones to the field walker") {
    json a = args(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}},"required":["a"]})");
    CHECK(a.contains("a"));
    CHECK_FALSE(a.contains("b"));
  }

  TEST_CASE("type arrays and nullable pick a non-null type") {
    CHECK(value_for(R"({"type":["null","string"]})").is_string());
    CHECK(value_for(R"({"type":"integer","nullable":true})").is_number_integer());
    CHECK(value_for(R"({"type":["boolean","string"]})").is_boolean());
    CHECK(value_for(R"({"type":"null"})").is_null());
  }

  TEST_CASE("enum and const values are used as they are") {
    CHECK(value_for(R"({"type":"string","enum":["fast","slow"]})") == "fast");
    CHECK(value_for(R"({"const":"workspace"})") == "workspace");
    CHECK(value_for(R"({"type":"integer","enum":["x",3]})") == 3);
  }

  TEST_CASE("a valid default or example is preferred, an invalid one is not used") {
    CHECK(value_for(R"({"type":"integer","default":25,"maximum":100})") == 25);
    CHECK(value_for(R"({"type":"integer","default":500,"maximum":100})") != 500);
    CHECK(value_for(R"({"type":"string","examples":["main"]})") == "main");
  }

  TEST_CASE("numbers respect minimum, maximum, both exclusive forms and multipleOf") {
    CHECK(value_for(R"({"type":"integer","exclusiveMinimum":5,"maximum":7})") == 6);
    CHECK(value_for(R"({"type":"integer","minimum":5,"exclusiveMinimum":true,"maximum":6})") == 6);
    CHECK(value_for(R"({"type":"number","minimum":2.2,"multipleOf":0.5})") == 2.5);
    CHECK(value_for(R"({"type":"integer","minimum":-10,"maximum":-3})").get<int>() <= -3);
    CHECK(value_for(R"({"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1})").get<double>() > 0);
  }

  TEST_CASE("strings respect minLength and maxLength in code points") {
    CHECK(value_for(R"({"type":"string","minLength":20})").get<std::string>().size() >= 20);
    CHECK(value_for(R"({"type":"string","maxLength":3})").get<std::string>().size() <= 3);
  }

  TEST_CASE("known formats get values of that format") {
    for (const char* f : {"uri", "email", "date-time", "date", "time", "uuid", "ipv4", "ipv6", "hostname"}) {
      CAPTURE(f);
      json v = value_for(std::string(R"({"type":"string","format":")") + f + "\"}");
      CHECK(has_format(f, v.get<std::string>()) == true);
    }
  }

  TEST_CASE("a pattern is met by a generated string") {
    json v = value_for(R"({"type":"string","pattern":"^[A-Z]{3}-\\d{4}$"})");
    CHECK(RE2::FullMatch(v.get<std::string>(), "[A-Z]{3}-[0-9]{4}"));
  }

  TEST_CASE("path-like, URL-like and command-like fields get values of that shape") {
    CHECK(args(R"({"type":"object","properties":{"path":{"type":"string"}},"required":["path"]})")["path"] ==
          "/workdir/sample.txt");
    CHECK(args(R"({"type":"object","properties":{"p":{"type":"string","description":"Path to the directory"}},"required":["p"]})")["p"]
              .get<std::string>()
              .starts_with("/workdir"));
    CHECK(args(R"({"type":"object","properties":{"url":{"type":"string"}},"required":["url"]})")["url"]
              .get<std::string>()
              .starts_with("https://"));
  }

  TEST_CASE("arrays honour items, minItems, maxItems, prefixItems and uniqueItems") {
    CHECK(value_for(R"({"type":"array","items":{"type":"string"}})").size() == 1);
    CHECK(value_for(R"({"type":"array","items":{"type":"integer"},"minItems":3})").size() == 3);
    CHECK(value_for(R"({"type":"array","maxItems":0})").empty());
    json tuple = value_for(R"({"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}]})");
    REQUIRE(tuple.size() == 2);
    CHECK(tuple[0].is_string());
    CHECK(tuple[1].is_number_integer());
    json unique = value_for(R"({"type":"array","items":{"type":"string"},"minItems":3,"uniqueItems":true})");
    CHECK(unique.size() == 3);
  }

  TEST_CASE("oneOf takes the first branch a value can match alone, anyOf prefers a non-null branch") {
    json v = value_for(R"({"oneOf":[{"type":"object","properties":{"kind":{"const":"page"},"id":{"type":"string"}},"required":["kind","id"]},
                                      {"type":"object","properties":{"kind":{"const":"workspace"}},"required":["kind"]}]})");
    CHECK(v["kind"] == "page");
    CHECK(v["id"].is_string());
    CHECK(value_for(R"({"anyOf":[{"type":"null"},{"type":"integer","minimum":3}]})") == 3);
  }

  TEST_CASE("allOf merges properties and required from every member") {
    json a = args(R"({"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"]},
                               {"properties":{"b":{"type":"integer","minimum":9}},"required":["b"]}]})");
    CHECK(a["a"].is_string());
    CHECK(a["b"] == 9);
  }

  TEST_CASE("local $ref into $defs, definitions and JSON pointers resolves") {
    json a = args(R"({"type":"object","$defs":{"id":{"type":"string","format":"uuid"}},
                      "definitions":{"n":{"type":"integer","minimum":4}},
                      "properties":{"a":{"$ref":"#/$defs/id"},"b":{"$ref":"#/definitions/n"},"c":{"$ref":"#/properties/b"}},
                      "required":["a","b","c"]})");
    CHECK(has_format("uuid", a["a"].get<std::string>()) == true);
    CHECK(a["b"] == 4);
    CHECK(a["c"] == 4);
  }

  TEST_CASE("a recursive schema ends at the depth bound and still validates") {
    json a = args(R"({"$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},
                      "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name","children"]}},
                      "type":"object","properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"]})");
    CHECK(a["root"]["children"].is_array());
  }

  TEST_CASE("additionalProperties false keeps the baseline to declared properties") {
    json a = args(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"],"additionalProperties":false})");
    CHECK(a.size() == 1);
  }

  TEST_CASE("minProperties is met with declared optional properties") {
    json a = args(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"minProperties":2})");
    CHECK(a.size() == 2);
  }
}

TEST_SUITE("fuzz-schema-hostile") {
  TEST_CASE("a schema that is not an object gives an empty baseline and no crash") {
    for (const char* s : {"42", "\"string\"", "[1,2]", "null", "true", "{\"type\":\"object\",\"properties\":7}"}) {
      CAPTURE(s);
      Baseline b = base(s);
      CHECK(b.arguments.is_object());
    }
  }

  TEST_CASE("a $ref to nowhere or to another document is noted and treated as anything") {
    Baseline b = base(R"({"type":"object","properties":{"a":{"$ref":"#/$defs/missing"},
                          "b":{"$ref":"https://evil.example/schema.json"}},"required":["a","b"]})");
    CHECK(b.valid);
    CHECK(b.notes.size() >= 2);
  }

  TEST_CASE("a pattern RE2 rejects falls back to a plain value and is counted as unchecked") {
    Baseline b = base(R"({"type":"object","properties":{"a":{"type":"string","pattern":"^(?=.*\\d)\\w+$"}},"required":["a"]})");
    CHECK(b.valid);
    CHECK(b.unchecked_patterns == 1);
    CHECK(b.arguments["a"].is_string());
  }

  TEST_CASE("self-referencing combinators stay bounded") {
    Baseline b = base(R"({"anyOf":[{"$ref":"#"},{"$ref":"#"},{"allOf":[{"$ref":"#"}]}]})");
    CHECK(b.arguments.is_object());
    Baseline c = base(R"({"$ref":"#"})");
    CHECK(c.arguments.is_object());
  }

  TEST_CASE("a schema nested thousands of levels deep is walked only to the bound") {
    json s;
    json* at = &s;
    for (int i = 0; i < 3000; ++i) {
      *at = {{"type", "object"}, {"required", {"x"}}};
      at = &(*at)["properties"]["x"];
    }
    *at = {{"type", "string"}};
    Baseline b = make_baseline(s, PlanPaths{});
    CHECK(b.arguments.is_object());
    assay::Tool t;
    t.name = "deep";
    t.input_schema = s;
    ToolPlan p = plan_tool(t, {}, PlanOptions{});
    CHECK(p.calls.size() == 1);
  }

  TEST_CASE("sizes beyond the generator's limits are refused, not allocated") {
    Baseline b = base(R"({"type":"object","properties":{"a":{"type":"string","minLength":1000000000},
                          "b":{"type":"array","minItems":1000000000}},"required":["a","b"]})");
    CHECK_FALSE(b.valid);
    CHECK(b.arguments.dump().size() < 100000);
  }

  TEST_CASE("contradictory constraints are reported as an invalid baseline, not hidden") {
    Baseline b = base(R"({"type":"object","properties":{"a":{"type":"integer","minimum":5,"maximum":2}},"required":["a"]})");
    CHECK_FALSE(b.valid);
    CHECK_FALSE(b.issues.empty());
  }
}
