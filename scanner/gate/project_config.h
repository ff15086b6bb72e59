// The project config `.mcp-assay.yaml`: ignores with reasons and expiry, and scan defaults.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace assay::gate {

// One waiver. Every matcher given must match (an entry with rule and path ignores that rule
// in those files only); matchers are globs (`*`, `?`, `**`, classes; see scanner/code/glob.h).
struct IgnoreEntry {
  std::string rule;         // MCP003, MCP1*
  std::string fingerprint;  // a finding's exact fingerprint
  std::string server;       // the server's name
  std::string tool;         // the tool's name
  std::string path;         // a file the finding points at (a pattern without '/' matches the file name)
  std::string reason;       // mandatory: a waiver is a decision with an owner
  std::string expires;      // YYYY-MM-DD, last day it applies; empty = no expiry
  std::string where;        // FILE:LINE of the entry, for messages and reports
};

struct DisabledRule {
  std::string id;
  std::string where;  // FILE:LINE
};

struct ProjectConfig {
  std::string file;                      // empty = no config was read
  std::optional<std::string> fail_on;    // info ... critical, never
  std::vector<std::string> formats;      // as --format, in order
  std::vector<std::string> outputs;      // as --output, paired with formats
  std::vector<std::string> exclude;      // path globs left out of source scans
  std::vector<std::string> rule_dirs;    // extra rule directories, relative to the config's folder
  std::vector<DisabledRule> disabled;
  std::vector<IgnoreEntry> ignores;
};

inline constexpr const char* kProjectConfigName = ".mcp-assay.yaml";

// Parses a config; `base_dir` is what relative `rules:` directories are resolved against.
// Throws AssayError(input) "FILE:LINE: what" for an unknown key, a wrong type, a bad date or
// severity, an ignore without a reason or without anything to match.
ProjectConfig parse_project_config(const std::string& text, const std::string& file, const std::string& base_dir);
ProjectConfig load_project_config(const std::string& file);

}  // namespace assay::gate
