// Words, canonical forms and edit distances of tool names.
#include <doctest/doctest.h>

#include "scanner/fleet/tool_names.h"

using namespace assay::fleet;

TEST_SUITE("fleet") {
  TEST_CASE("snake, camel, kebab and acronym spellings give the same words") {
    CHECK(name_words("read_file") == std::vector<std::string>{"read", "file"});
    CHECK(name_words("readFile") == std::vector<std::string>{"read", "file"});
    CHECK(name_words("read-file") == std::vector<std::string>{"read", "file"});
    CHECK(name_words("HTTPServer") == std::vector<std::string>{"http", "server"});
    CHECK(name_words("v2Search") == std::vector<std::string>{"v", "2", "search"});
    CHECK(canonical_name("API-post-search") == canonical_name("api_post_search"));
    CHECK(canonical_name("read_file") != canonical_name("read_files"));
  }

  TEST_CASE("edit distance counts a transposition as one edit and gives up past its limit") {
    CHECK(edit_distance("email", "emial", 2) == 1);
    CHECK(edit_distance("forecast", "forcast", 2) == 1);
    CHECK(edit_distance("pages", "pdfs", 1) == 2);  // limit + 1: gave up
    CHECK(edit_distance("", "abc", 5) == 3);
    CHECK(edit_distance("same", "same", 0) == 0);
  }

  TEST_CASE("plurals are told apart from misspellings") {
    CHECK(plural_pair("issue", "issues"));
    CHECK(plural_pair("boxes", "box"));
    CHECK_FALSE(plural_pair("inbox", "inbx"));
  }
}
