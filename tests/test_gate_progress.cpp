// The progress line's text, when it is drawn at all, and the bounded GitHub step summary.
#include <doctest/doctest.h>

#include "scanner/cli/progress.h"
#include "scanner/cli/step_summary.h"

using namespace assay::cli;

TEST_SUITE("gate-ci-output") {
  TEST_CASE("the progress line names the target, its number and the time, within the terminal's width") {
    CHECK(format_progress(2, 5, "tools.json", 3.7, 80) == "mcp-assay: scanning 2/5 tools.json (3s)");
    const std::string long_target(200, 'x');
    const std::string cut = format_progress(1, 1, "dir/" + long_target, 12, 60);
    CHECK(cut.size() == 59);
    CHECK(cut.starts_with("mcp-assay: scanning 1/1 ..."));
    CHECK(cut.ends_with("xxx (12s)"));
  }

  TEST_CASE("control characters in a target cannot reach the terminal through the progress line") {
    const std::string line = format_progress(1, 1, "node \x1b[2Jevil\r.js", 1, 80);
    CHECK(line == "mcp-assay: scanning 1/1 node ?[2Jevil?.js (1s)");
  }

  TEST_CASE("progress is drawn only on a terminal, never with --quiet or TERM=dumb") {
    CHECK(progress_wanted(true, false, "xterm-256color"));
    CHECK(progress_wanted(true, false, nullptr));
    CHECK_FALSE(progress_wanted(false, false, "xterm"));
    CHECK_FALSE(progress_wanted(true, true, "xterm"));
    CHECK_FALSE(progress_wanted(true, false, "dumb"));
  }

  TEST_CASE("a disabled progress line starts no thread and draws nothing") {
    ProgressLine silent(false, 3);
    silent.start_target("a.json");
  }

  TEST_CASE("the step summary is kept whole when small and cut at a line with a note when too large") {
    CHECK(bounded_step_summary("## report\nok\n", 100) == "## report\nok\n");
    std::string big;
    for (int i = 0; i < 1000; ++i) big += "| row " + std::to_string(i) + " |\n";
    const std::string cut = bounded_step_summary(big, 2000);
    CHECK(cut.size() <= 2000);
    CHECK(cut.starts_with("| row 0 |\n"));
    CHECK(cut.ends_with("_The summary was cut here; the SARIF and JSON reports have everything._\n"));
    CHECK(cut.find("| row 999 |") == std::string::npos);
  }
}
