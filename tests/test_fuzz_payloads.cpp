// Payload classes: the strict loader, the bundled classes, and the shell payloads against real
// vulnerable command lines.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <fstream>

#include "cli_runner.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/fuzz/payload_examples.h"
#include "scanner/fuzz/placeholders.h"
#include "scanner/model/error.h"

using namespace assay::fuzz;
namespace fs = std::filesystem;

namespace {

const char* kValidClass = R"(class: test-class
title: A class for tests
description: Writes the canary file.
cwe: [CWE-78]
oracle: canary-file
applies_to: string
roles: [command]
payloads:
  - id: semicolon
    value: "{baseline}; echo x > {canary_file}"
examples:
  first_for: [cmd]
  not_first_for: [count]
)";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

std::string load_error(const std::string& text, const std::string& file = "test-class.yaml") {
  auto dir = assay::testing::test_dir("payload-loader");
  std::ofstream(dir / file) << text;
  try {
    load_payload_class_file((dir / file).string());
  } catch (const assay::AssayError& e) {
    CHECK(e.kind() == assay::ErrorKind::input);
    return e.what();
  }
  return "";
}

std::vector<PayloadClass> bundled() { return load_payload_classes(assay::testing::source_path("rules/payloads")); }

}  // namespace

TEST_SUITE("fuzz-payloads") {
  TEST_CASE("a valid payload class loads with its default expect filled in") {
    CHECK(load_error(kValidClass) == "");
    auto dir = assay::testing::test_dir("payload-ok");
    std::ofstream(dir / "test-class.yaml") << kValidClass;
    PayloadClass c = load_payload_class_file((dir / "test-class.yaml").string());
    REQUIRE(c.payloads.size() == 1);
    CHECK(c.payloads[0].expect == "{canary_file}");
    CHECK(c.roles == std::vector<FieldRole>{FieldRole::command});
  }

  TEST_CASE("malformed payload classes are refused with the file and line") {
    CHECK(load_error(replace(kValidClass, "{canary_file}", "{canary_fiel}")).find(":9: unknown placeholder {canary_fiel}") !=
          std::string::npos);
    CHECK(load_error(replace(kValidClass, "echo x > {canary_file}", "echo x")).find("must contain {canary_file}") !=
          std::string::npos);
    CHECK(load_error(replace(kValidClass, "oracle: canary-file", "oracle: vibes")).find("oracle must be one of") !=
          std::string::npos);
    CHECK(load_error(replace(kValidClass, "roles: [command]", "roles: [shell]")).find("unknown role 'shell'") !=
          std::string::npos);
    CHECK(load_error(kValidClass, "other-name.yaml").find("file name must be test-class.yaml") != std::string::npos);
    CHECK(load_error(replace(kValidClass, "  not_first_for: [count]\n", "")).find("not_first_for") != std::string::npos);
    CHECK(load_error(replace(kValidClass, "    value:", "    colour: red\n    value:")).find("unknown key 'colour'") !=
          std::string::npos);
  }

  TEST_CASE("a canary-in-output payload whose expected text it contains itself is refused") {
    std::string echoable = replace(replace(kValidClass, "oracle: canary-file", "oracle: canary-in-output"),
                                   "value: \"{baseline}; echo x > {canary_file}\"",
                                   "value: \"{canary_token}\"\n    expect: \"{canary_token}\"");
    CHECK(load_error(echoable).find("an echo would count as a hit") != std::string::npos);
  }

  TEST_CASE("setup actions may only plant files inside the work dir or next to the root") {
    std::string setup = replace(kValidClass, "    value:", "    setup:\n      - symlink: /tmp/x\n        target: /etc\n    value:");
    CHECK(load_error(setup).find("setup paths start with") != std::string::npos);
  }

  TEST_CASE("the bundled payload classes load, cover every oracle, and pass their own examples") {
    auto classes = bundled();
    CHECK(classes.size() >= 8);
    std::set<Oracle> oracles;
    size_t payloads = 0;
    for (const auto& c : classes) {
      payloads += c.payloads.size();
      for (const auto& p : c.payloads) oracles.insert(p.oracle);
    }
    CHECK(oracles.size() == 8);
    CHECK(payloads >= 70);
    for (const auto& r : run_payload_examples(classes)) {
      INFO(r.cls->id << ":" << r.line << " " << r.what << ": " << r.detail);
      CHECK(r.passed);
    }
  }

  TEST_CASE("a placeholder is {name} with a known name; other braces are literal") {
    CHECK(placeholders_in("{{ {canary_num_a}*{canary_num_b} }} ${7*7} {x y}") ==
          std::vector<std::string>{"canary_num_a", "canary_num_b"});
    PlaceholderValues v{make_canary(1, "t", 1, PlanPaths{}), PlanPaths{}, "b"};
    CHECK(fill_placeholders("{{7*7}} {root}/{baseline}", v) == "{{7*7}} /workdir/b");
  }
}

TEST_SUITE("fuzz-payloads-shell") {
  // The command lines a vulnerable server builds, in the three quoting contexts a shell has.
  // Every POSIX payload must break out of at least one, and every context must fall to some payload.
  TEST_CASE("POSIX command-injection payloads create their canary through a real sh") {
    const std::vector<std::pair<std::string, std::string>> sinks = {
        {"unquoted", "echo {v}"}, {"double-quoted", "echo \"{v}\""}, {"single-quoted", "echo '{v}'"}};
    std::set<std::string> broken_sinks;
    auto dir = assay::testing::test_dir("shell-payloads");
    for (const auto& c : bundled()) {
      if (c.id != "command-injection") continue;
      for (const auto& p : c.payloads) {
        if (std::find(p.shells.begin(), p.shells.end(), "sh") == p.shells.end()) continue;
        bool hit = false;
        for (const auto& [sink_name, sink] : sinks) {
          static int n = 0;
          fs::path work = dir / std::to_string(++n);
          fs::create_directories(work / "bin");
          PlanPaths paths{"/nonexistent-home", work.string(), work.string()};
          CallCanary canary = make_canary(3, p.id, n, paths);
          // The canary command exists here so its exec is visible without the sandbox.
          fs::path cmd = work / "bin" / canary.command;
          std::ofstream(cmd) << "#!/bin/sh\n: > " << canary.file << "\n";
          fs::permissions(cmd, fs::perms::owner_all);
          std::string value = fill_placeholders(p.value.get<std::string>(), {canary, paths, "hello"});
          std::string line = sink.substr(0, sink.find("{v}")) + value + sink.substr(sink.find("{v}") + 3);
          std::string shell = "cd " + assay::testing::shell_quote(work.string()) + " && PATH=" +
                              assay::testing::shell_quote((work / "bin").string()) + ":$PATH sh -c " +
                              assay::testing::shell_quote(line) + " >/dev/null 2>&1";
          int status = std::system(shell.c_str());
          (void)status;  // the shell fails on purpose for most sinks; the canary file is the verdict
          if (fs::exists(canary.file)) {
            hit = true;
            broken_sinks.insert(sink_name);
          }
        }
        CHECK_MESSAGE(hit, "payload " << p.id << " broke no sink");
      }
    }
    CHECK(broken_sinks.size() == sinks.size());
  }
}
