// Merging user rule directories into the bundled rule set, one id per rule across all of them.
#include "scanner/gate/rule_dirs.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::gate {
namespace {

namespace fs = std::filesystem;

bool has_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

// Rule id -> the file that defines it, over every kind.
std::map<std::string, std::string> defined_ids(const scan::RuleSet& set) {
  std::map<std::string, std::string> ids;
  for (const auto& r : set.metadata.rules()) ids.emplace(r.info.id, r.file);
  for (const auto& r : set.runtime) ids.emplace(r.info.id, r.file);
  for (const auto& r : set.code) ids.emplace(r.id, r.rule_file);
  for (const auto& r : set.config) ids.emplace(r.info.id, r.file);
  for (const auto& r : set.dynamic) ids.emplace(r.info.id, r.file);
  for (const auto& r : set.fleet.rules) ids.emplace(r.info.id, r.file);
  for (const auto& r : set.lock) ids.emplace(r.info.id, r.file);
  return ids;
}

void refuse_duplicates(const scan::RuleSet& into, const scan::RuleSet& from) {
  const auto existing = defined_ids(into);
  for (const auto& [id, file] : defined_ids(from))
    if (auto it = existing.find(id); it != existing.end())
      throw input_error(file + ": rule id " + id + " is already defined by " + it->second);
}

template <typename T>
void append(std::vector<T>& into, std::vector<T>& from) {
  for (auto& r : from) into.push_back(std::move(r));
}

}  // namespace

scan::RuleSet load_user_rule_dir(const std::string& dir) {
  const fs::path root(dir);
  if (!has_dir(root)) throw input_error(dir + ": rules directory not found");
  std::vector<rules::MetadataRule> metadata;
  if (has_dir(root / "metadata")) metadata = rules::load_metadata_rules((root / "metadata").string());
  else if (!rules::rule_files_in(dir).empty()) metadata = rules::load_metadata_rules(dir);
  // Every other kind of rule starts empty, including kinds added to RuleSet later.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
  scan::RuleSet set{.metadata = rules::MetadataEngine(std::move(metadata))};
#pragma GCC diagnostic pop
  if (has_dir(root / "runtime")) set.runtime = behaviour::load_behaviour_rules((root / "runtime").string());
  if (has_dir(root / "code")) set.code = code::load_code_rules((root / "code").string());
  if (has_dir(root / "config")) set.config = discovery::load_config_rules((root / "config").string());
  if (defined_ids(set).empty())
    throw input_error(dir + ": no rules found (expected metadata/, runtime/, code/<language>/, config/ or *.yaml rule files)");
  return set;
}

scan::RuleSet load_rules(const std::string& bundled_dir, const std::vector<std::string>& user_dirs) {
  scan::RuleSet set = scan::load_rule_set(bundled_dir);
  if (user_dirs.empty()) return set;
  std::vector<rules::MetadataRule> metadata = set.metadata.rules();
  for (const auto& dir : user_dirs) {
    scan::RuleSet user = load_user_rule_dir(dir);
    refuse_duplicates(set, user);
    std::vector<rules::MetadataRule> more = user.metadata.rules();
    append(metadata, more);
    // Later directories check against earlier ones through the merged metadata list too.
    set.metadata = rules::MetadataEngine(metadata);
    append(set.runtime, user.runtime);
    append(set.code, user.code);
    append(set.config, user.config);
  }
  std::sort(set.code.begin(), set.code.end(), [](const code::CodeRule& a, const code::CodeRule& b) { return a.id < b.id; });
  return set;
}

void disable_rules(scan::RuleSet& set, const std::vector<DisabledRule>& disabled) {
  if (disabled.empty()) return;
  const auto ids = defined_ids(set);
  for (const auto& d : disabled)
    if (!ids.count(d.id)) throw input_error(d.where + ": disable: no rule " + d.id + " (see mcp-assay rules list)");
  auto off = [&disabled](const std::string& id) {
    return std::any_of(disabled.begin(), disabled.end(), [&id](const DisabledRule& d) { return d.id == id; });
  };
  std::vector<rules::MetadataRule> metadata;
  for (const auto& r : set.metadata.rules())
    if (!off(r.info.id)) metadata.push_back(r);
  set.metadata = rules::MetadataEngine(std::move(metadata));
  std::erase_if(set.runtime, [&off](const auto& r) { return off(r.info.id); });
  std::erase_if(set.code, [&off](const auto& r) { return off(r.id); });
  std::erase_if(set.config, [&off](const auto& r) { return off(r.info.id); });
  std::erase_if(set.dynamic, [&off](const auto& r) { return off(r.info.id); });
  std::erase_if(set.fleet.rules, [&off](const auto& r) { return off(r.info.id); });
  std::erase_if(set.lock, [&off](const auto& r) { return off(r.info.id); });
}

}  // namespace assay::gate
