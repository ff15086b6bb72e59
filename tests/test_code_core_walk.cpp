#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "cli_runner.h"
#include "scanner/code/gitignore.h"
#include "scanner/code/glob.h"
#include "scanner/code/source_walk.h"

using namespace assay::code;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::vector<std::string> paths(const WalkResult& r) {
  std::vector<std::string> out;
  for (const auto& f : r.files) out.push_back(f.path);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool skipped_starting(const WalkResult& r, const std::string& prefix) {
  return std::any_of(r.skipped.begin(), r.skipped.end(), [&](const auto& s) { return s.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_SUITE("code source walk") {
  TEST_CASE("globs: * stays in a segment, ** crosses them, classes and ?") {
    CHECK(glob_match("*.js", "a.js"));
    CHECK_FALSE(glob_match("*.js", "d/a.js"));
    CHECK(glob_match("**/a.js", "a.js"));
    CHECK(glob_match("**/a.js", "x/y/a.js"));
    CHECK(glob_match("x/**", "x/y/z"));
    CHECK(glob_match("x/**/z", "x/z"));
    CHECK(glob_match("x/**/z", "x/a/b/z"));
    CHECK(glob_match("file[0-9].?s", "file3.js"));
    CHECK_FALSE(glob_match("file[!0-9].js", "file3.js"));
    CHECK(path_filter_match("*_test.go", "pkg/x_test.go"));
    CHECK(path_filter_match("test/**", "test/a/b.js"));
    CHECK_FALSE(path_filter_match("test/**", "src/test/b.js"));
  }

  TEST_CASE(".gitignore: last match wins, directory-only and anchored patterns, nested files") {
    IgnoreRules rules;
    rules.add_file("", "# comment\n*.log\n!keep.log\n/generated\ncache/\ndocs/*.js\n");
    rules.add_file("pkg", "secret.js\n/only-here.js\n");
    CHECK(rules.ignored("a.log", false));
    CHECK(rules.ignored("deep/b.log", false));
    CHECK_FALSE(rules.ignored("keep.log", false));
    CHECK(rules.ignored("generated", true));
    CHECK_FALSE(rules.ignored("src/generated", true));
    CHECK(rules.ignored("x/cache", true));
    CHECK_FALSE(rules.ignored("x/cache", false));
    CHECK(rules.ignored("docs/a.js", false));
    CHECK_FALSE(rules.ignored("docs/sub/a.js", false));
    CHECK(rules.ignored("pkg/secret.js", false));
    CHECK(rules.ignored("pkg/deep/secret.js", false));
    CHECK_FALSE(rules.ignored("secret.js", false));
    CHECK(rules.ignored("pkg/only-here.js", false));
    CHECK_FALSE(rules.ignored("pkg/deep/only-here.js", false));
  }

  TEST_CASE("languages come from extensions, then from a shebang") {
    CHECK(language_for("a/b.py", "") == Language::python);
    CHECK(language_for("x.mjs", "") == Language::javascript);
    CHECK(language_for("x.cts", "") == Language::typescript);
    CHECK(language_for("x.tsx", "") == Language::tsx);
    CHECK(language_for("main.go", "") == Language::go);
    CHECK(language_for("a/package.json", "") == Language::json);
    CHECK_FALSE(language_for("types.d.ts", "").has_value());
    CHECK_FALSE(language_for("tsconfig.json", "").has_value());
    CHECK(language_for("bin/run", "#!/usr/bin/env node") == Language::javascript);
    CHECK(language_for("bin/run", "#!/usr/bin/python3") == Language::python);
    CHECK_FALSE(language_for("bin/run", "#!/bin/sh").has_value());
  }

  TEST_CASE("a project: dependencies, ignored files and the build output of present sources are left out") {
    auto dir = assay::testing::test_dir("walk-project");
    write(dir / "package.json", R"({"name":"x","main":"dist/index.js","scripts":{"build":"tsc"}})");
    write(dir / "tsconfig.json", R"({ "compilerOptions": { "outDir": "./dist" } })");
    write(dir / "src/index.ts", "export const a = 1;\n");
    write(dir / "src/types.d.ts", "export type A = 1;\n");
    write(dir / "dist/index.js", "exports.a = 1;\n");
    write(dir / "node_modules/dep/index.js", "module.exports = 1;\n");
    write(dir / ".git/hooks/pre-commit.py", "print(1)\n");
    write(dir / ".gitignore", "*.gen.ts\ncoverage/\n");
    write(dir / "src/api.gen.ts", "export {};\n");
    write(dir / "coverage/lcov.js", "x;\n");
    write(dir / "bin/cli", "#!/usr/bin/env node\nrequire('../dist');\n");
    write(dir / "big.js", std::string(300, 'x'));
    WalkOptions options;
    options.max_file_bytes = 200;
    auto r = walk_sources(dir.string(), options);
    auto p = paths(r);
    CHECK(p == std::vector<std::string>{"bin/cli", "package.json", "src/index.ts"});
    CHECK(skipped_starting(r, "dist/: build output, tsconfig.json compiles into it"));
    CHECK(skipped_starting(r, "big.js: skipped: too large (300 bytes, limit 200)"));

    options.include_dependencies = true;
    options.honour_gitignore = false;
    options.scan_build_output = true;
    p = paths(walk_sources(dir.string(), options));
    CHECK(has(p, "node_modules/dep/index.js"));
    CHECK(has(p, "src/api.gen.ts"));
    CHECK(has(p, "dist/index.js"));
    CHECK_FALSE(has(p, ".git/hooks/pre-commit.py"));
  }

  TEST_CASE("a package that ships only dist/ is scanned there") {
    auto dir = assay::testing::test_dir("walk-dist-only");
    write(dir / "package.json", R"({"name":"x","main":"dist/index.js"})");
    write(dir / "dist/index.js", "exports.a = 1;\n");
    CHECK(paths(walk_sources(dir.string(), {})) == std::vector<std::string>{"dist/index.js", "package.json"});
  }

  TEST_CASE("symlinks are not followed, and one leaving the tree is noted") {
    auto dir = assay::testing::test_dir("walk-symlinks");
    auto outside = assay::testing::test_dir("walk-symlinks-outside");
    write(outside / "secret.py", "x = 1\n");
    write(dir / "a.py", "y = 2\n");
    fs::create_directory_symlink(outside, dir / "escape");
    fs::create_symlink(dir / "a.py", dir / "alias.py");
    auto r = walk_sources(dir.string(), {});
    CHECK(paths(r) == std::vector<std::string>{"a.py"});
    CHECK(skipped_starting(r, "escape: symlink leading outside the scanned tree"));
  }

  TEST_CASE("the file bound stops the walk with a note") {
    auto dir = assay::testing::test_dir("walk-bound");
    for (int i = 0; i < 5; ++i) write(dir / ("f" + std::to_string(i) + ".py"), "x = 1\n");
    WalkOptions options;
    options.max_files = 3;
    auto r = walk_sources(dir.string(), options);
    CHECK(r.files.size() == 3);
    CHECK(skipped_starting(r, "f3.py: file limit of 3 reached"));
  }
}
