// Resolving a server's command before launch.
#include <doctest/doctest.h>

#include "scanner/mcp/command_path.h"
#include "scanner/model/error.h"

using namespace assay;
using namespace assay::mcp;

TEST_CASE("a bare command name is found through PATH, the spec's own PATH first") {
  LaunchSpec spec;
  spec.argv = {"sh"};
  CHECK(resolve_command(spec).rfind("/sh") == resolve_command(spec).size() - 3);
  spec.extra_env = {{"PATH", "/nonexistent-dir"}};
  CHECK_THROWS_WITH_AS(resolve_command(spec), "command not found: sh", AssayError);
}

TEST_CASE("a directory is not a command and a missing working directory is reported") {
  LaunchSpec spec;
  spec.argv = {"/tmp"};
  CHECK_THROWS_WITH_AS(resolve_command(spec), "cannot execute /tmp: it is a directory", AssayError);
  spec.argv = {"sh"};
  spec.working_dir = "/nonexistent-mcp-assay-dir";
  CHECK_THROWS_WITH_AS(resolve_command(spec), "working directory does not exist: /nonexistent-mcp-assay-dir",
                       AssayError);
}

TEST_CASE("a relative command path is resolved against the working directory") {
  LaunchSpec spec;
  spec.argv = {"./sh"};
  spec.working_dir = "/bin";
  CHECK(resolve_command(spec) == "/bin/sh");
}

TEST_CASE("an empty argv is a target error, not a crash") {
  LaunchSpec spec;
  CHECK_THROWS_AS(resolve_command(spec), AssayError);
}
