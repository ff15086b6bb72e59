// Every kind of rule one scan applies, loaded once from a rules directory.
#pragma once
#include <string>
#include <vector>

#include "scanner/behaviour/behaviour_rule.h"
#include "scanner/code/code_rule.h"
#include "scanner/discovery/config_rules.h"
#include "scanner/dynamic/dynamic_rule.h"
#include "scanner/fuzz/payload_class.h"
#include "scanner/fleet/fleet_rules.h"
#include "scanner/lock/lock_rules.h"
#include "scanner/rules/metadata_engine.h"

namespace assay::scan {

struct RuleSet {
  rules::MetadataEngine metadata;                 // rules/metadata
  std::vector<behaviour::BehaviourRule> runtime;  // rules/runtime
  std::vector<code::CodeRule> code;               // rules/code/<language>/
  std::vector<discovery::ConfigRule> config;      // rules/config (client config entries)
  std::vector<dynamic::DynamicRule> dynamic;      // rules/dynamic (how dynamic proofs are reported)
  std::vector<fuzz::PayloadClass> payloads;       // rules/payloads (what the fuzzer sends)
  fleet::FleetRules fleet;                        // rules/fleet (across the scanned servers)
  std::vector<lock::LockRule> lock;               // rules/lock (scan --lock verification)
};

// `dir` is the rules root (holding metadata/, runtime/, code/, config/, dynamic/, payloads/,
// fleet/ and lock/) or, as before, a
// metadata rules directory itself (then the other kinds come from its siblings when present).
RuleSet load_rule_set(const std::string& dir);

// Catalogue of enabled rules as reporters want it.
std::vector<RuleInfo> rule_catalogue(const RuleSet& rules);

}  // namespace assay::scan
