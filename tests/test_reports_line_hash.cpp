// GitHub's primaryLocationLineHash: expected values were produced by running codeql-action's
// src/fingerprints.ts hash() under node (with the `long` package it uses) on these exact bytes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "reports/line_hash.h"

using assay::reports::line_hashes;
using Hashes = std::vector<std::string>;

TEST_CASE("line hashes match codeql-action's for plain LF text, including blank and repeated lines") {
  const std::string content =
      "function hello() {\n  return \"world\";\n}\n\n  \t\nfunction hello() {\n  return \"world\";\n}\n";
  CHECK(line_hashes(content) == Hashes{"516547c30f69b827:1", "2972519531cd556f:1", "9f5d175432cf61ba:1",
                                       "fa9ce9684b8884bf:1", "408d960ceb9a9d31:1", "5c5689d80e3825ab:1",
                                       "dd55187bf6666c83:1", "32dce9ccfdbc9d3e:1", "c129715d7a2bc9a3:1"});
}

TEST_CASE("line hashes match codeql-action's with CRLF, a lone CR, tabs and an astral character") {
  const std::string content = "{\r\n  \"name\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\",\r\n\t\"x\": 1\r}";
  CHECK(line_hashes(content) ==
        Hashes{"884a42f352cac51b:1", "f63f7bed19366522:1", "635d90f92fde4afd:1", "13db8c734146ff90:1"});
}

TEST_CASE("line hashes match codeql-action's with a BOM, invalid UTF-8 and a line longer than the window") {
  const std::string content = "\xef\xbb\xbf"
                              "bad \xe0\x80 \xed\xa0\x80 \xf0\x9f\x98 end\nline two " +
                              std::string(150, 'x') + "\n";
  CHECK(line_hashes(content) == Hashes{"4f587a48b19a8f2b:1", "d6f0ba5e6247214e:1", "c129715d7a2bc9a3:1"});
}

TEST_CASE("identical line hashes are told apart by a running count") {
  std::string content;
  for (int i = 0; i < 120; ++i) content += "x\n";
  const Hashes h = line_hashes(content);
  REQUIRE(h.size() == 121);
  CHECK(h[0] == "c0fe7b2700d6c254:1");
  CHECK(h[1] == "c0fe7b2700d6c254:2");
  CHECK(h[70] == "c0fe7b2700d6c254:71");
  CHECK(h[71] == "c0fe7b2700fbb0cd:1");
  CHECK(h[118] == "8c072f39cc89b447:1");
  CHECK(h[119] == "828973aa50c68d6d:1");
  CHECK(h[120] == "c129715d7a2bc9a3:1");
}

TEST_CASE("line hashes print without leading zeros, and an empty file still has one line") {
  CHECK(line_hashes("a") == Hashes{"53b5d4aabe50d64:1"});
  CHECK(line_hashes("") == Hashes{"c129715d7a2bc9a3:1"});
  CHECK(line_hashes("z\n\n") == Hashes{"88de12c2e9ede2bd:1", "3c5bef55b72b93c9:1", "c129715d7a2bc9a3:1"});
}
