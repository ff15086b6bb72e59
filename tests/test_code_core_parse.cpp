#include <doctest/doctest.h>

#include "scanner/code/parse.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::code;

namespace {
SourceFile source(Language language, std::string text, std::string path = "src/x") {
  return SourceFile{std::move(path), "/tmp/none", language, std::move(text)};
}
}  // namespace

TEST_SUITE("code front end") {
  TEST_CASE("every compiled-in grammar passes the runtime's ABI check") {
    CHECK_NOTHROW(check_grammar_abi());
    for (Language l : {Language::python, Language::javascript, Language::typescript, Language::tsx,
                       Language::go, Language::json}) {
      REQUIRE(grammar(l) != nullptr);
      uint32_t abi = ts_language_abi_version(grammar(l));
      CHECK(abi >= TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION);
      CHECK(abi <= TREE_SITTER_LANGUAGE_VERSION);
    }
    CHECK(grammar(Language::c) == nullptr);
    CHECK(grammar(Language::cpp) == nullptr);
  }

  TEST_CASE("each language parses to its grammar's root node without errors") {
    struct Case { Language l; const char* text; const char* root; };
    for (auto c : {Case{Language::python, "import os\nos.system('ls')\n", "module"},
                   Case{Language::javascript, "const a = require('x');\n", "program"},
                   Case{Language::typescript, "let a: number = 1;\n", "program"},
                   Case{Language::tsx, "const e = <div a={1}/>;\n", "program"},
                   Case{Language::go, "package main\nfunc main() {}\n", "source_file"},
                   Case{Language::json, "{\"scripts\": {\"test\": \"x\"}}\n", "document"}}) {
      auto parsed = parse(source(c.l, c.text));
      CHECK(std::string(ts_node_type(parsed.root())) == c.root);
      CHECK_FALSE(ts_node_has_error(parsed.root()));
    }
  }

  TEST_CASE("locations are 1-based with columns counted in code points") {
    auto parsed = parse(source(Language::javascript, "// é\nconst s = 'héllo'; f(s);\n", "a.js"));
    TSNode decl = ts_node_named_child(parsed.root(), 1);
    TSNode call = ts_node_named_child(ts_node_named_child(parsed.root(), 2), 0);
    CHECK(parsed.text(call) == "f(s)");
    auto loc = parsed.location(call);
    CHECK(loc.file == "a.js");
    CHECK(loc.start_line == 2);
    CHECK(loc.start_column == 20);  // 'héllo' is 7 code points, 8 bytes
    CHECK(loc.end_column == 24);
    CHECK(parsed.location(decl).start_column == 1);
    CHECK(parsed.line_of(ts_node_start_byte(call)) == 2);
    CHECK(parsed.column_of(ts_node_start_byte(call)) == 20);
  }

  TEST_CASE("c and cpp are refused by the tree-sitter front end") {
    CHECK_THROWS_AS(parse(source(Language::c, "int main(){}")), AssayError);
  }

  TEST_CASE("a parsed file can be moved and still answers for its nodes") {
    auto a = parse(source(Language::python, "x = 1\n"));
    ParsedFile b = std::move(a);
    CHECK(b.text(b.root()) == "x = 1\n");
  }

  TEST_CASE("language names round-trip and accept aliases") {
    for (Language l : {Language::python, Language::javascript, Language::typescript, Language::tsx,
                       Language::go, Language::c, Language::cpp, Language::json})
      CHECK(language_from_name(to_string(l)) == l);
    CHECK(language_from_name("ts") == Language::typescript);
    CHECK_FALSE(language_from_name("rust").has_value());
  }
}
