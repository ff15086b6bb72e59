#include <doctest/doctest.h>

#include <fstream>

#include "cli_runner.h"
#include "scanner/model/error.h"
#include "scanner/rules/metadata_rule.h"

using namespace assay;
using namespace assay::rules;

namespace {

const char* kValidRule = R"(id: MCP099
name: test-rule
title: A rule for tests
description: Detects the word canary.
severity: medium
confidence: high
cwe: [CWE-1427]
tags: [test]
fields: [text]
message: "{field} says canary"
help: Remove it.
patterns:
  - id: canary
    regex: '\bcanary\b'
examples:
  match: ["a canary here"]
  no_match: ["nothing here"]
)";

std::string write_rule(const std::string& dir_name, const std::string& file, const std::string& text) {
  auto dir = assay::testing::test_dir(dir_name);
  std::ofstream(dir / file) << text;
  return (dir / file).string();
}

std::string load_error(const std::string& file, const std::string& text) {
  std::string path = write_rule("loader-" + file, file, text);
  try {
    load_metadata_rule_file(path);
  } catch (const AssayError& e) {
    CHECK(e.kind() == ErrorKind::input);
    return e.what();
  }
  return "";
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a valid rule file loads with its patterns, fields and examples") {
  auto r = load_metadata_rule_file(write_rule("loader-ok", "MCP099-test.yaml", kValidRule));
  CHECK(r.info.id == "MCP099");
  CHECK(r.info.severity == Severity::medium);
  CHECK(r.patterns.size() == 1);
  CHECK(r.must_match.size() == 1);
  CHECK(r.must_not_match.front().line == 17);
  CHECK(r.fields.size() > 10);
}

TEST_CASE("a rule with an invalid regex is refused with its file, line and the RE2 error") {
  std::string err = load_error("MCP099-bad.yaml", replace(kValidRule, R"('\bcanary\b')", "'(unclosed'"));
  CHECK(err.find("MCP099-bad.yaml:14:") != std::string::npos);
  CHECK(err.find("not a valid RE2 regex") != std::string::npos);
  CHECK(err.find("missing )") != std::string::npos);
}

TEST_CASE("look-around, which RE2 cannot run in linear time, is refused") {
  std::string err = load_error("MCP099-look.yaml", replace(kValidRule, R"('\bcanary\b')", "'canary(?!bird)'"));
  CHECK(err.find("not a valid RE2 regex") != std::string::npos);
}

TEST_CASE("an unknown key is refused, so a typo cannot silently disable a condition") {
  std::string err = load_error("MCP099-typo.yaml", replace(kValidRule, "    regex:", "    unles: ['x']\n    regex:"));
  CHECK(err.find("unknown key 'unles'") != std::string::npos);
}

TEST_CASE("a rule without no_match examples is refused") {
  std::string err = load_error("MCP099-noex.yaml", replace(kValidRule, R"(  no_match: ["nothing here"])", ""));
  CHECK(err.find("at least one match and one no_match example") != std::string::npos);
}

TEST_CASE("a rule whose file name does not start with its id is refused") {
  std::string err = load_error("other-name.yaml", kValidRule);
  CHECK(err.find("file name must start with the rule id MCP099") != std::string::npos);
}

TEST_CASE("a bad severity or field name is refused with its line") {
  CHECK(load_error("MCP099-sev.yaml", replace(kValidRule, "severity: medium", "severity: severe"))
            .find("MCP099-sev.yaml:5: severity must be one of") != std::string::npos);
  CHECK(load_error("MCP099-fld.yaml", replace(kValidRule, "fields: [text]", "fields: [tool.descr]"))
            .find("unknown field 'tool.descr'") != std::string::npos);
}

TEST_CASE("invalid YAML is refused with its line") {
  std::string err = load_error("MCP099-yaml.yaml", "id: MCP099\nname: [unclosed\n");
  CHECK(err.find("MCP099-yaml.yaml:") != std::string::npos);
  CHECK(err.find("invalid YAML") != std::string::npos);
}

TEST_CASE("the bundled rule pack loads, with unique ids in the metadata band") {
  auto rules = load_metadata_rules(assay::testing::source_path("rules/metadata"));
  CHECK(rules.size() >= 6);
  for (const auto& r : rules) {
    CHECK(r.info.id.starts_with("MCP0"));
    CHECK_FALSE(r.info.help_markdown.empty());
    CHECK_FALSE(r.info.cwe.empty());
  }
}
