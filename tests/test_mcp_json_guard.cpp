// Parsing untrusted JSON lines: depth limits, text repair, and what counts as JSON.
#include <doctest/doctest.h>

#include "scanner/mcp/json_guard.h"
#include "scanner/mcp/utf8_repair.h"

using namespace assay::mcp;

TEST_CASE("nesting deeper than the limit is detected, and brackets inside strings do not count") {
  CHECK_FALSE(nesting_exceeds("[[[]]]", 3));
  CHECK(nesting_exceeds("[[[[]]]]", 3));
  CHECK(nesting_exceeds(R"({"a":{"b":{"c":{}}}})", 3));
  CHECK_FALSE(nesting_exceeds(R"({"a":"[[[[[[[[[[{{{{{{"})", 1));
  CHECK_FALSE(nesting_exceeds(R"(["\"[[[[[[[["])", 1));
}

TEST_CASE("a deeply nested line is rejected as too deep, not handed to the parser") {
  std::string deep = std::string(10000, '[') + std::string(10000, ']');
  try {
    parse_untrusted_json(deep, 128);
    FAIL("accepted");
  } catch (const JsonRejected& e) {
    CHECK(e.reason() == JsonRejected::Reason::too_deep);
  }
}

TEST_CASE("a line that is not JSON is rejected as not JSON") {
  CHECK_THROWS_AS(parse_untrusted_json("Server started", 128), JsonRejected);
  CHECK_THROWS_AS(parse_untrusted_json("{} trailing", 128), JsonRejected);
  CHECK_THROWS_AS(parse_untrusted_json("{\"a\":\"raw\ttab\"}", 128), JsonRejected);
}

TEST_CASE("ill-formed UTF-8 inside a string is replaced with U+FFFD and flagged, not fatal") {
  UntrustedJson parsed = parse_untrusted_json("{\"d\":\"a\xff" "b\xc0\xaf" "c\"}", 128);
  CHECK(parsed.repaired);
  CHECK(parsed.value["d"] == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
}

TEST_CASE("lone UTF-16 surrogate escapes are replaced, while a proper pair survives") {
  UntrustedJson parsed = parse_untrusted_json(R"({"a":"x\ud800y","b":"\udc00","c":"\ud83d\ude00"})", 128);
  CHECK(parsed.repaired);
  CHECK(parsed.value["a"] == "x\xEF\xBF\xBDy");
  CHECK(parsed.value["b"] == "\xEF\xBF\xBD");
  CHECK(parsed.value["c"] == "\xF0\x9F\x98\x80");
}

TEST_CASE("clean JSON is parsed unchanged and not flagged") {
  UntrustedJson parsed = parse_untrusted_json(R"({"name":"caf\u00e9","t":"日本"})", 128);
  CHECK_FALSE(parsed.repaired);
  CHECK(parsed.value["name"] == "caf\xC3\xA9");
}

TEST_CASE("UTF-8 repair rejects overlongs, encoded surrogates, code points above U+10FFFF and truncation") {
  const std::string fffd = "\xEF\xBF\xBD";
  std::string overlong = "\xC0\x80";
  CHECK(repair_utf8(overlong));
  CHECK(overlong == fffd + fffd);
  std::string surrogate = "\xED\xA0\x80";
  CHECK(repair_utf8(surrogate));
  CHECK(surrogate == fffd + fffd + fffd);
  std::string too_high = "\xF4\x90\x80\x80";
  CHECK(repair_utf8(too_high));
  std::string truncated = "ok\xE2\x82";
  CHECK(repair_utf8(truncated));
  CHECK(truncated == "ok" + fffd);
  std::string fine = "h\xC3\xA9llo \xF0\x9F\x98\x80";
  CHECK_FALSE(repair_utf8(fine));
}
