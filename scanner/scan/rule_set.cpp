// Finds the rule folders under a rules root and loads each kind.
#include "scanner/scan/rule_set.h"

#include <filesystem>

namespace assay::scan {

namespace fs = std::filesystem;

RuleSet load_rule_set(const std::string& dir) {
  fs::path root(dir);
  std::error_code ec;
  fs::path metadata = fs::is_directory(root / "metadata", ec) ? root / "metadata" : root;
  fs::path runtime = fs::is_directory(root / "runtime", ec) ? root / "runtime" : metadata.parent_path() / "runtime";
  RuleSet set{rules::MetadataEngine(rules::load_metadata_rules(metadata.string())), {}, {}, {}, {}, {}, {}, {}};
  if (fs::is_directory(runtime, ec)) set.runtime = behaviour::load_behaviour_rules(runtime.string());
  // A rules directory without code/ has no code rules.
  fs::path code = fs::is_directory(root / "code", ec) ? root / "code" : metadata.parent_path() / "code";
  set.code = code::load_code_rules(code.string());
  fs::path config = fs::is_directory(root / "config", ec) ? root / "config" : metadata.parent_path() / "config";
  if (fs::is_directory(config, ec)) set.config = discovery::load_config_rules(config.string());
  fs::path dynamic = fs::is_directory(root / "dynamic", ec) ? root / "dynamic" : metadata.parent_path() / "dynamic";
  if (fs::is_directory(dynamic, ec)) set.dynamic = dynamic::load_dynamic_rules(dynamic.string());
  fs::path payloads = fs::is_directory(root / "payloads", ec) ? root / "payloads" : metadata.parent_path() / "payloads";
  if (fs::is_directory(payloads, ec)) set.payloads = fuzz::load_payload_classes(payloads.string());
  fs::path fleet = fs::is_directory(root / "fleet", ec) ? root / "fleet" : metadata.parent_path() / "fleet";
  set.fleet = fleet::load_fleet_rules(fleet.string());
  fs::path lock = fs::is_directory(root / "lock", ec) ? root / "lock" : metadata.parent_path() / "lock";
  if (fs::is_directory(lock, ec)) set.lock = lock::load_lock_rules(lock.string());
  return set;
}

std::vector<RuleInfo> rule_catalogue(const RuleSet& rules) {
  std::vector<RuleInfo> out;
  for (const auto& r : rules.metadata.rules()) out.push_back(r.info);
  for (const auto& r : rules.runtime) out.push_back(r.info);
  for (const auto& r : rules.code) out.push_back(r.info());
  for (const auto& r : rules.dynamic) out.push_back(r.info);
  return out;
}

}  // namespace assay::scan
