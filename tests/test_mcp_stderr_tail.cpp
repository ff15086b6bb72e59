// The bounded stderr tail and the last line quoted in error messages.
#include <doctest/doctest.h>

#include "scanner/mcp/stderr_tail.h"

using namespace assay::mcp;

TEST_CASE("the stderr tail keeps at most its bound, from the end, starting at a whole line") {
  StderrTail tail(100);
  for (int i = 0; i < 1000; ++i) tail.append("line " + std::to_string(i) + "\n");
  std::string text = tail.text();
  CHECK(text.size() <= 100);
  CHECK(text.rfind("line 999\n") == text.size() - 9);
  CHECK(text.rfind("line ", 0) == 0);
  CHECK(tail.total_bytes() > 5000);
}

TEST_CASE("a single huge write keeps only its end") {
  StderrTail tail(10);
  tail.append(std::string(1 << 20, 'x') + "0123456789");
  CHECK(tail.text() == "0123456789");
}

TEST_CASE("the last stderr line skips blank lines and escapes control bytes") {
  StderrTail tail(1000);
  tail.append("first\n\x1b[31mError:\x1b[0m boom\r\n\n   \n");
  CHECK(tail.last_line() == "\\x1b[31mError:\\x1b[0m boom");
  StderrTail empty(1000);
  empty.append("\n\n");
  CHECK(empty.last_line().empty());
}
