// Rules over client configs (band MCP3xx, rules/config/*.yaml): credentials written into a
// server's env, headers, arguments or URL, and remote servers reached in clear text. Each rule
// is data: where it looks, key and value patterns, exceptions, and its own examples.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "scanner/discovery/configured_server.h"
#include "scanner/model/finding.h"
#include "scanner/model/rule_info.h"

namespace re2 {
class RE2;
}

namespace assay::discovery {

enum class ConfigField { env, header, arg, url };

struct ConfigPattern {
  std::string id;
  std::shared_ptr<re2::RE2> key;               // null = any key
  std::shared_ptr<re2::RE2> value;             // must match the value
  std::vector<std::shared_ptr<re2::RE2>> unless;  // any match on the value vetoes
};

struct ConfigExample {
  bool should_match = true;
  ConfigField field = ConfigField::env;
  std::string key;
  std::string value;
  int line = 0;
};

struct ConfigRule {
  RuleInfo info;
  std::string file;
  std::vector<ConfigField> fields;
  std::string message;  // {server}, {client}, {key}, {shown} are filled in
  std::vector<ConfigPattern> patterns;
  std::vector<ConfigExample> examples;
};

// Every *.yaml in `dir`; AssayError(input) with file:line for a malformed rule.
std::vector<ConfigRule> load_config_rules(const std::string& dir);

// The first pattern of `rule` that matches, or empty.
std::string matching_pattern(const ConfigRule& rule, ConfigField field, const std::string& key, const std::string& value);

// Findings for one configured server: each at the line of the offending value, its evidence
// redacted (a prefix and the length), never the whole secret.
std::vector<Finding> check_configured_server(const std::vector<ConfigRule>& rules, const ConfiguredServer& server);

struct ExampleOutcome {
  const ConfigRule* rule;
  const ConfigExample* example;
  bool passed;
};
std::vector<ExampleOutcome> run_config_rule_examples(const std::vector<ConfigRule>& rules);

}  // namespace assay::discovery
