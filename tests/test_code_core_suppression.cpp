#include <doctest/doctest.h>

#include "scanner/code/code_rule_examples.h"
#include "scanner/code/suppression.h"

using namespace assay::code;

TEST_SUITE("code suppressions") {
  TEST_CASE("an ignore with a reason on the line above or the same line suppresses its rule only") {
    std::string text =
        "// mcp-assay: ignore[MCP101] talks to our own status webhook\n"
        "fetch('https://webhook.site/x');\n"
        "fetch('https://webhook.site/y'); // mcp-assay: ignore[MCP100, MCP101] documented relay\n"
        "x = 1  # mcp-assay: ignore[MCP107]   -- reads the key the user chose\n";
    auto above = check_suppression(text, 2, "MCP101");
    CHECK(above.state == SuppressionState::suppressed);
    CHECK(above.suppression.line == 1);
    CHECK(above.suppression.reason == "talks to our own status webhook");
    CHECK(check_suppression(text, 2, "MCP102").state == SuppressionState::none);
    auto same = check_suppression(text, 3, "MCP100");
    CHECK(same.state == SuppressionState::suppressed);
    CHECK(same.suppression.reason == "documented relay");
    CHECK(check_suppression(text, 4, "MCP107").suppression.reason == "reads the key the user chose");
  }

  TEST_CASE("an ignore without a reason does not suppress, and says so") {
    std::string text = "eval(atob(x)); // mcp-assay: ignore[MCP102]\n/* mcp-assay: ignore[MCP101] */ f();\n";
    CHECK(check_suppression(text, 1, "MCP102").state == SuppressionState::missing_reason);
    CHECK(check_suppression(text, 2, "MCP101").state == SuppressionState::missing_reason);
  }

  TEST_CASE("an ignore two lines up, or outside a comment, does not count") {
    std::string text = "// mcp-assay: ignore[MCP101] reason here\n\nfetch(u);\nconst s = 'mcp-assay: ignore[MCP101] x';\n";
    CHECK(check_suppression(text, 3, "MCP101").state == SuppressionState::none);
    CHECK(check_suppression(text, 4, "MCP101").state == SuppressionState::none);
  }
}

TEST_SUITE("code rule examples") {
  TEST_CASE("annotations apply to the next line that is not an annotation") {
    std::string text =
        "// ruleid: MCP101\n"
        "a();\n"
        "# ok: MCP101, MCP102\n"
        "// ruleid: MCP102\n"
        "b();\n"
        "c(); // ruleid: MCP101\n"
        "d();\n";
    auto a = read_annotations(text, "MCP101");
    CHECK(a.must_match == std::set<int>{2, 7});
    CHECK(a.must_not_match == std::set<int>{5});
    auto b = read_annotations(text, "MCP102");
    CHECK(b.must_match == std::set<int>{5});
    CHECK(b.must_not_match == std::set<int>{5});
  }
}
