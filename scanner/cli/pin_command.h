// `mcp-assay pin`: approve the declared surfaces of the servers given, into mcp-assay.lock.
#pragma once
#include <string>
#include <vector>

namespace assay::cli {

struct PinCommand {
  std::vector<std::string> targets;   // dumps, inventory files, client configs
  std::vector<std::string> command;   // a live server after `--`
  std::string lock_file = "mcp-assay.lock";
  bool update = false;                // re-approve (recertify) servers already in the lockfile
  std::string approver;               // empty = git config user.name, else $USER
  std::string reason;                 // mandatory
  std::string now;                    // UTC ISO-8601; empty = $SOURCE_DATE_EPOCH, else the clock
  bool unsandboxed = false;
  double timeout_seconds = 15;
  bool discover = false;
  std::string home;
  std::string project;
  std::vector<std::string> urls;
  std::vector<std::string> headers;
  bool quiet = false;
  std::vector<std::string> rule_dirs;  // --rules: added to the bundled rules
};

int run_pin_command(const PinCommand& cmd);

// The approval time: `now` when given (checked to be YYYY-MM-DDTHH:MM:SSZ), else
// $SOURCE_DATE_EPOCH (for reproducible files), else the system clock; always UTC.
std::string approval_time(const std::string& now);

}  // namespace assay::cli
