// Look-alike tool, parameter and server names: homoglyphs and hidden characters are caught, real scripts are not.
#include <doctest/doctest.h>

#include <string>

#include "scanner/text/identifier_checks.h"

using assay::text::check_identifier;
using assay::text::confusable_skeleton;

TEST_SUITE("text-identifier-checks") {

TEST_CASE("plain ASCII names have no issue") {
  for (const char* name : {"read_file", "get_weather", "list-directory", "fs.read", "GitHub", "s3_put_object", "x"}) {
    CAPTURE(name);
    CHECK_FALSE(check_identifier(name).has_value());
  }
}

TEST_CASE("a Latin name with one Cyrillic letter mixes scripts and its skeleton is the ASCII name") {
  const auto issue = check_identifier("gеt_weather");  // U+0435 CYRILLIC SMALL LETTER IE
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "mixed-script");
  CHECK(issue->skeleton == "get_weather");
  CHECK(issue->detail == "'gеt_weather' mixes Latin and Cyrillic (U+0435 at position 2)");
}

TEST_CASE("Greek and Cyrillic look-alikes inside Latin words are mixed-script") {
  CHECK(check_identifier("αpi_key")->kind == "mixed-script");
  CHECK(check_identifier("pаypal_transfer")->kind == "mixed-script");
  CHECK(check_identifier("ԁata_export")->kind == "mixed-script");
}

TEST_CASE("a name with a zero-width space is invisible-in-name, shown with the character spelled out") {
  const auto issue = check_identifier("get\u200Bweather");
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "invisible-in-name");
  CHECK(issue->detail.find("'get<U+200B>weather'") != std::string::npos);
  CHECK(issue->detail.find("U+200B at position 4") != std::string::npos);
}

TEST_CASE("tag characters, bidi controls and Hangul fillers in names are invisible-in-name") {
  CHECK(check_identifier("read_file\U000E0069\U000E0067")->kind == "invisible-in-name");
  CHECK(check_identifier("admin\u202Eexe.txt")->kind == "invisible-in-name");
  CHECK(check_identifier("run\u3164cmd")->kind == "invisible-in-name");
  CHECK(check_identifier("tool\x1b[8m")->kind == "invisible-in-name");
}

TEST_CASE("a combining dot hidden on an i is caught") {
  CHECK(check_identifier("i\u0307ndex")->kind == "invisible-in-name");
}

TEST_CASE("fullwidth letters are confusable with the ASCII name") {
  const auto issue = check_identifier("ｇｅｔ_weather");
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "confusable-with-ascii");
  CHECK(issue->skeleton == "get_weather");
  CHECK(issue->detail.find("U+FF47 at position 1") != std::string::npos);
}

TEST_CASE("a name wholly in Cyrillic letters that spell an ASCII word is confusable") {
  const auto issue = check_identifier("ѕсоре");  // every letter Cyrillic
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "confusable-with-ascii");
  CHECK(issue->skeleton == "scope");
}

TEST_CASE("a non-breaking space in a name makes it confusable with the spaced ASCII name") {
  const auto issue = check_identifier("get\u00A0weather");
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "confusable-with-ascii");
}

TEST_CASE("digits from two number systems in one name are mixed-script") {
  const auto issue = check_identifier("tool1\u0661");
  REQUIRE(issue.has_value());
  CHECK(issue->kind == "mixed-script");
}

TEST_CASE("names wholly in one non-Latin script have no issue") {
  for (const char* name : {"天気を取得", "获取天气", "погода", "получить_погоду", "الطقس", "καιρός", "날씨_조회", "मौसम"}) {
    CAPTURE(name);
    CHECK_FALSE(check_identifier(name).has_value());
  }
}

TEST_CASE("scripts may differ between words of a name") {
  CHECK_FALSE(check_identifier("weather_天気").has_value());
  CHECK_FALSE(check_identifier("get_погода").has_value());
  CHECK_FALSE(check_identifier("天気api").has_value());  // Latin with Japanese is a UTS #39 combination
}

TEST_CASE("accented Latin names have no issue") {
  for (const char* name : {"café_menu", "naïve_bayes", "straße", "crème_brûlée", "año_fiscal"}) {
    CAPTURE(name);
    CHECK_FALSE(check_identifier(name).has_value());
  }
}

TEST_CASE("an emoji with its presentation selector is not an invisible character") {
  CHECK_FALSE(check_identifier("🌤️_weather").has_value());
}

TEST_CASE("look-alike names share a skeleton") {
  CHECK(confusable_skeleton("pаypal") == confusable_skeleton("paypal"));
  CHECK(confusable_skeleton("ｐａｙｐａｌ") == confusable_skeleton("paypal"));
  CHECK(confusable_skeleton("read_file") != confusable_skeleton("read_files"));
  CHECK(confusable_skeleton("天気") == "天気");
}

TEST_CASE("empty, invalid and huge names are handled") {
  CHECK_FALSE(check_identifier("").has_value());
  CHECK(confusable_skeleton("").empty());
  (void)check_identifier("get\xFF\xFEweather");
  CHECK(confusable_skeleton("a\xFF") == confusable_skeleton("a\uFFFD"));
  std::string huge;
  while (huge.size() < (1u << 20)) huge += "gеt_";
  const auto issue = check_identifier(huge);
  REQUIRE(issue.has_value());
  CHECK(issue->detail.size() < 1000);
  CHECK_FALSE(confusable_skeleton(huge).empty());
}

}  // TEST_SUITE
