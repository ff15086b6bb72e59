// `mcp-assay fuzz-plan` and the payload half of `mcp-assay rules test`.
#include <filesystem>
#include <iostream>

#include "scanner/cli/commands.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/fuzz/fuzz_plan.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/fuzz/payload_examples.h"
#include "scanner/fuzz/plan_report.h"
#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"

namespace assay::cli {

int run_fuzz_plan_command(const FuzzPlanCommand& cmd) {
  auto classes = fuzz::load_payload_classes(fuzz::payloads_dir_of(cmd.rules_dir.empty() ? default_rules_dir() : cmd.rules_dir));
  Inventory inv = targets::load_dump_file(cmd.target).inventory;
  fuzz::PlanOptions options;
  options.seed = cmd.seed;
  options.budget.calls_per_tool = cmd.calls_per_tool;
  options.budget.calls_per_scan = cmd.calls_per_scan;
  options.budget.seconds_per_scan = cmd.seconds_per_scan;
  options.paths = {cmd.home, cmd.work, cmd.root.empty() ? cmd.work : cmd.root};
  fuzz::FuzzPlan plan = fuzz::plan_fuzzing(inv, classes, options);
  if (!cmd.tool.empty()) {
    std::erase_if(plan.tools, [&](const fuzz::ToolPlan& t) { return t.tool != cmd.tool; });
    if (plan.tools.empty()) throw usage_error("no tool named '" + cmd.tool + "' in " + cmd.target);
    plan.scan_order.clear();
    for (std::size_t c = 0; c < plan.tools[0].calls.size(); ++c) plan.scan_order.emplace_back(0, c);
  }
  if (cmd.json) {
    std::cout << fuzz::to_json(plan).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    std::cout << fuzz::plan_to_text(plan);
  }
  return kExitClean;
}

int run_payload_tests(const std::string& rules_dir, bool verbose, int& passed, int& failed) {
  std::string dir = fuzz::payloads_dir_of(rules_dir.empty() ? default_rules_dir() : rules_dir);
  if (!std::filesystem::is_directory(dir) || dir == rules_dir) return 0;  // a rules tree without payloads
  auto classes = fuzz::load_payload_classes(dir);
  for (const auto& r : fuzz::run_payload_examples(classes)) {
    r.passed ? ++passed : ++failed;
    if (r.passed && !verbose) continue;
    std::cout << (r.passed ? "ok   " : "FAIL ") << r.cls->id << " " << r.cls->file << ":" << r.line << " " << r.what
              << ": " << r.detail << "\n";
  }
  return static_cast<int>(classes.size());
}

}  // namespace assay::cli
