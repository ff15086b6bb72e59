// Strings generated for JSON Schema patterns, including every pattern of the benign corpus.
#include <doctest/doctest.h>

#include <re2/re2.h>

#include "scanner/fuzz/ecma_pattern.h"
#include "scanner/fuzz/regex_sample.h"

using namespace assay::fuzz;

namespace {

void check_pattern(const std::string& pattern, LengthBounds bounds = {}) {
  CAPTURE(pattern);
  auto s = sample_matching(pattern, bounds);
  REQUIRE(s.has_value());
  PatternCache cache;
  CHECK(cache.search(pattern, *s) == true);
}

}  // namespace

TEST_SUITE("fuzz-regex") {
  TEST_CASE("every pattern in the benign corpus gets a matching string") {
    for (const char* p : {
             R"(^[a-zA-Z0-9_-]+$)", R"(^[0-9a-fA-F]+$)",
             R"(^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$)",
             R"(^[\x20-\x7E]*$)",
             R"(^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$)",
             R"(^agent\_run\_)", R"(^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$)",
             R"(^[a-z0-9][a-z0-9_-]*$)", R"(^\d+[hdw]$)", R"(^[A-Za-z0-9._:-]{1,128}$)", R"(^https?:\/\/)",
             R"(^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])$)",
             R"(^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\/([0-9]|[1-2][0-9]|3[0-2])$)",
             R"(^[a-zA-Z0-9._-]+$)", R"(^[a-zA-Z0-9\s()@&+:._',-]+$)", R"(^[A-Z_]+$)"})
      check_pattern(p);
  }

  TEST_CASE("quantifiers, classes, escapes and named groups are understood") {
    for (const char* p : {"a{3}b{2,}c{1,4}?", "[^a-z]+", R"(\w\s\d\W\S\D)", R"((?<year>\d{4})-(?P<m>\d\d))", "x|y|z",
                          R"([\u0041-\u005A]{2})", R"(^\.\*\+\?$)", "[]a]", "é+"})
      check_pattern(p);
  }

  TEST_CASE("length bounds are met by repeating or padding") {
    auto s = sample_matching("^[a-z]+$", {10, 12});
    REQUIRE(s);
    CHECK(s->size() >= 10);
    auto unanchored = sample_matching("^https?://", {30, 100});
    REQUIRE(unanchored);
    CHECK(unanchored->size() >= 30);
    CHECK_FALSE(sample_matching("^[a-z]{5}$", {6, 10}).has_value());
  }

  TEST_CASE("look-around, back-references and garbage are refused, never crashed on") {
    for (const char* p : {"(?=a)b", "(a)\\1", "(?<!x)y", "[", "(", "a**", "\\", "*a", "a{3,1}", "\\p{L}"}) {
      CAPTURE(p);
      CHECK_FALSE(sample_matching(p, {}).has_value());
    }
  }

  TEST_CASE("ECMAScript named groups are rewritten for RE2") {
    CHECK(ecma_to_re2("(?<year>\\d+)") == "(?P<year>\\d+)");
    CHECK(ecma_to_re2("(?<=x)") == "(?<=x)");
    CHECK(ecma_to_re2("\\(?<a>") == "\\(?<a>");
    CHECK(ecma_to_re2("[\\u0041-\\u005A]") == "[\\x{0041}-\\x{005A}]");
  }
}
