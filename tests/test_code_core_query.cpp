#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scanner/code/query.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::code;

namespace {

ParsedFile js(std::string text) {
  return parse(SourceFile{"t.js", "/tmp/t.js", Language::javascript, std::move(text)});
}

std::vector<std::string> matches(const char* query, const ParsedFile& file, const char* capture = "f") {
  auto q = CompiledQuery::compile(file.file().language, query, "test.yaml:3");
  std::vector<std::string> out;
  q.for_each_match(file, [&](const QueryMatch& m) { out.emplace_back(file.text(m.capture(capture))); });
  return out;
}

std::string load_error(const char* query, Language l = Language::javascript) {
  try {
    CompiledQuery::compile(l, query, "rules/code/javascript/MCP199-x.yaml:10");
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "";
}

}  // namespace

TEST_SUITE("code query predicates") {
  const char* source = "eval(a); evalx(b); run(c); exec(d); child.exec(e);\n";

  TEST_CASE("#eq? and #not-eq? compare the capture's text") {
    auto f = js(source);
    CHECK(matches("(call_expression function: (identifier) @f (#eq? @f \"eval\"))", f) ==
          std::vector<std::string>{"eval"});
    CHECK(matches("(call_expression function: (identifier) @f (#not-eq? @f \"eval\"))", f) ==
          std::vector<std::string>{"evalx", "run", "exec"});
  }

  TEST_CASE("#match? searches with RE2, unanchored unless the regex anchors") {
    auto f = js(source);
    CHECK(matches("(call_expression function: (identifier) @f (#match? @f \"val\"))", f) ==
          std::vector<std::string>{"eval", "evalx"});
    CHECK(matches("(call_expression function: (identifier) @f (#match? @f \"^eval$\"))", f) ==
          std::vector<std::string>{"eval"});
    CHECK(matches("(call_expression function: (identifier) @f (#not-match? @f \"^e\"))", f) ==
          std::vector<std::string>{"run"});
  }

  TEST_CASE("#any-of? and #not-any-of? test membership") {
    auto f = js(source);
    CHECK(matches("(call_expression function: (identifier) @f (#any-of? @f \"exec\" \"run\"))", f) ==
          std::vector<std::string>{"run", "exec"});
    CHECK(matches("(call_expression function: (identifier) @f (#not-any-of? @f \"exec\" \"run\" \"eval\"))", f) ==
          std::vector<std::string>{"evalx"});
  }

  TEST_CASE("#eq? between two captures compares their texts") {
    auto f = js("a = a; b = c;\n");
    CHECK(matches("(assignment_expression left: (identifier) @f right: (identifier) @g (#eq? @f @g))", f) ==
          std::vector<std::string>{"a"});
  }

  TEST_CASE("a predicate on a capture taken twice must hold for both nodes") {
    auto f = js("f(\"a\", \"a\"); f(\"a\", \"b\");\n");
    auto q = CompiledQuery::compile(Language::javascript,
                                    "(call_expression arguments: (arguments . (string) @s . (string) @s . (#eq? @s \"\\\"a\\\"\"))) @call",
                                    "t:1");
    int n = 0;
    q.for_each_match(f, [&](const QueryMatch& m) {
      ++n;
      CHECK(f.text(m.capture("call")) == "f(\"a\", \"a\")");
    });
    CHECK(n == 1);
  }

  TEST_CASE("a capture that is absent gives a null node") {
    auto f = js("x;\n");
    auto q = CompiledQuery::compile(Language::javascript, "(identifier) @id", "t:1");
    q.for_each_match(f, [&](const QueryMatch& m) { CHECK(ts_node_is_null(m.capture("missing"))); });
    CHECK(q.capture_index("id") == 0);
    CHECK(q.capture_index("nope") == -1);
  }

  TEST_CASE("a callback may run another query: cursors are not shared") {
    auto f = js("function a() { eval(x); }\nfunction b() { eval(y); }\n");
    auto outer = CompiledQuery::compile(Language::javascript, "(function_declaration) @fn", "t:1");
    auto inner = CompiledQuery::compile(
        Language::javascript, "(call_expression function: (identifier) @f (#eq? @f \"eval\")) @c", "t:2");
    int functions = 0, evals = 0;
    outer.for_each_match(f, [&](const QueryMatch& m) {
      ++functions;
      inner.for_each_match_in(f, m.capture("fn"), [&](const QueryMatch&) { ++evals; });
    });
    CHECK(functions == 2);
    CHECK(evals == 2);
  }

  TEST_CASE("load errors name the rule file and the line of the problem") {
    std::string e = load_error("(identifier) @a\n(call_expression function: (identifier) @f (#is? @f \"x\"))");
    CHECK(e.find("MCP199-x.yaml:11") != std::string::npos);
    CHECK(e.find("unknown predicate #is?") != std::string::npos);
    e = load_error("(identifier) @a\n\n(no_such_node) @b");
    CHECK(e.find("MCP199-x.yaml:12") != std::string::npos);
    CHECK(e.find("unknown node type") != std::string::npos);
    CHECK(load_error("((identifier) @a (#match? @a \"(\"))").find("bad regular expression") != std::string::npos);
    CHECK(load_error("((identifier) @a (#eq? @a))").find("#eq?") != std::string::npos);
    CHECK(load_error("((identifier) @a (#set! x \"y\"))").find("unknown predicate #set!") != std::string::npos);
    CHECK(load_error("(identifier) @a", Language::c).find("do not apply") != std::string::npos);
  }
}
