// Making hidden characters visible: the shared escaping every human-facing report relies on.
#include <doctest/doctest.h>

#include "reports/visible_text.h"

using assay::reports::markdown_code_span;
using assay::reports::markdown_text;
using assay::reports::visible_text;

TEST_CASE("C0, C1, ESC, bidi, zero-width, BOM and tag characters are spelled out") {
  CHECK(visible_text("a\x1b[31mb") == "a\\u{001B}[31mb");
  CHECK(visible_text("tab\there") == "tab\\u{0009}here");
  CHECK(visible_text("c1 \xc2\x9b") == "c1 \\u{009B}");
  CHECK(visible_text("rlo \xe2\x80\xae isolate \xe2\x81\xa6") == "rlo \\u{202E} isolate \\u{2066}");
  CHECK(visible_text("zw\xe2\x80\x8bj\xe2\x80\x8d bom\xef\xbb\xbf") == "zw\\u{200B}j\\u{200D} bom\\u{FEFF}");
  CHECK(visible_text("tag \xf3\xa0\x81\x81") == "tag \\u{E0041}");
  CHECK(visible_text("del\x7f") == "del\\u{007F}");
}

TEST_CASE("ordinary non-ASCII text passes through untouched") {
  CHECK(visible_text("café ☕ 日本 😀") == "café ☕ 日本 😀");
}

TEST_CASE("invalid UTF-8 bytes are shown as their byte values") {
  CHECK(visible_text("a\xff" "b") == "a\\x{FF}b");
  CHECK(visible_text("cut \xe2\x80") == "cut \\x{E2}\\x{80}");
  CHECK(visible_text("surrogate \xed\xa0\x80") == "surrogate \\x{ED}\\x{A0}\\x{80}");
}

TEST_CASE("truncation counts code points and never cuts an escape in half") {
  CHECK(visible_text("abcdef", 3) == "abc…");
  CHECK(visible_text("abc", 3) == "abc");
  CHECK(visible_text("ééééé", 2) == "éé…");
  CHECK(visible_text("ab\x1b", 5) == "ab…");
}

TEST_CASE("markdown text escapes what markdown, HTML and tables give a meaning to") {
  CHECK(markdown_text("<b>*x*</b> | [a](b) `c` $m$") ==
        "\\<b\\>\\*x\\*\\</b\\> \\| \\[a\\]\\(b\\) \\`c\\` \\$m\\$");
}

TEST_CASE("markdown text breaks the URL shapes GitHub would autolink") {
  CHECK(markdown_text("see https://evil.example or www.evil.example") ==
        "see https\\://evil\\.example or www\\.evil\\.example");
}

TEST_CASE("markdown code spans escape pipes and fence out backticks") {
  CHECK(markdown_code_span("a|b") == "`a\\|b`");
  CHECK(markdown_code_span("x`y") == "``x`y``");
  CHECK(markdown_code_span("`") == "`` ` ``");
  CHECK(markdown_code_span("") == "` `");
  CHECK(markdown_code_span(" both ") == "`  both  `");
}
