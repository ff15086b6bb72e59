// `mcp-assay pin`: scan the targets as `scan` does, then write their surfaces and one approval.
#include "scanner/cli/pin_command.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "scanner/cli/commands.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/gate/rule_dirs.h"
#include "scanner/lock/pin.h"
#include "scanner/model/error.h"
#include "scanner/scan/scan_runner.h"

namespace assay::cli {
namespace {

namespace fs = std::filesystem;

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  return s;
}

// The person git commits as, so the lockfile's history names the same people as the repository's.
std::string default_approver() {
  if (FILE* p = ::popen("git config --get user.name 2>/dev/null", "r")) {
    char buf[256];
    size_t n = std::fread(buf, 1, sizeof buf - 1, p);
    ::pclose(p);
    std::string name = trimmed(std::string(buf, n));
    if (!name.empty()) return name;
  }
  if (const char* user = std::getenv("USER"); user && *user) return user;
  throw usage_error("pin cannot tell who approves: give --approver NAME");
}

bool iso_utc(const std::string& s) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (s.size() != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
    if (s[i] < '0' || s[i] > '9') return false;
  std::tm tm{};
  tm.tm_year = std::stoi(s.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(s.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(s.substr(8, 2));
  tm.tm_hour = std::stoi(s.substr(11, 2));
  tm.tm_min = std::stoi(s.substr(14, 2));
  tm.tm_sec = std::stoi(s.substr(17, 2));
  std::tm copy = tm;
  ::timegm(&copy);  // normalises out-of-range fields: a date that changes was not a date
  return copy.tm_mon == tm.tm_mon && copy.tm_mday == tm.tm_mday && copy.tm_hour == tm.tm_hour &&
         copy.tm_min == tm.tm_min && copy.tm_sec == tm.tm_sec;
}

void write_atomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw input_error(path + ": cannot write the lockfile");
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw input_error(path + ": cannot write the lockfile: " + ec.message());
}

}  // namespace

std::string approval_time(const std::string& now) {
  if (!now.empty()) {
    if (!iso_utc(now)) throw usage_error("--now '" + now + "' is not a UTC time like 2026-11-25T17:00:00Z");
    return now;
  }
  std::time_t t = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || v < 0) throw usage_error(std::string("SOURCE_DATE_EPOCH '") + epoch + "' is not a number of seconds");
    t = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int run_pin_command(const PinCommand& cmd) {
  if (trimmed(cmd.reason).empty())
    throw usage_error("pin needs --reason: say why this surface is approved (a ticket, a review)");
  if (cmd.targets.empty() && cmd.command.empty() && !cmd.discover && cmd.urls.empty())
    throw usage_error("nothing to pin: give tools/list dumps, inventory or client config files, --discover, --url URL, "
                      "or `-- COMMAND ARGS...`");
  std::error_code ec;
  bool exists = fs::exists(cmd.lock_file, ec);
  if (exists && !cmd.update)
    throw usage_error(cmd.lock_file + " already exists: re-approve with `mcp-assay pin --update --reason ...`");
  lock::Lockfile lock;
  if (cmd.update) {
    if (!exists) throw usage_error(cmd.lock_file + " does not exist: pin without --update first");
    lock = lock::read_lockfile(cmd.lock_file);
  }
  lock::Approval approval{cmd.approver.empty() ? default_approver() : cmd.approver, approval_time(cmd.now),
                          trimmed(cmd.reason), {}};

  scan::RuleSet rules = gate::load_rules(default_rules_dir(), cmd.rule_dirs);
  ScanCommand as_scan;
  as_scan.targets = cmd.targets;
  as_scan.discover = cmd.discover;
  as_scan.home = cmd.home;
  as_scan.project = cmd.project;
  as_scan.urls = cmd.urls;
  as_scan.headers = cmd.headers;
  scan::ScanRequest request;
  add_configured_servers(as_scan, request.files, request.configured);
  for (const auto& f : request.files)
    if (code::is_source_target(f))
      throw usage_error(f + " is source code: pin approves declared surfaces, so give a tools/list dump, an inventory, "
                            "a client config or `-- COMMAND` that starts the server");
  request.command = cmd.command;
  request.unsandboxed = cmd.unsandboxed;
  request.limits.request_timeout = std::chrono::milliseconds(static_cast<long>(cmd.timeout_seconds * 1000));
  // Live inventories are only a means here: they go to a private directory removed afterwards.
  fs::path work = fs::temp_directory_path() / ("mcp-assay-pin-" + std::to_string(::getpid()));
  request.inventory_dir = work.string();
  struct Cleanup {
    fs::path dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{work};

  ScanResult result = scan::run_scan(request, rules);
  bool any_failed = false;
  for (const auto& t : result.targets)
    if (t.status == TargetStatus::failed) {
      any_failed = true;
      std::cerr << "mcp-assay: error: could not read " << t.target << ": " << t.error << "\n";
    }
  if (any_failed) {
    std::cerr << "mcp-assay: nothing pinned: every server must be read to approve it\n";
    return kExitTargetFailed;
  }
  auto scanned = lock::scanned_servers(request, result);
  if (scanned.empty()) throw usage_error("nothing to pin: the targets declared no server");
  lock::PinOutcome outcome = lock::pin_servers(std::move(lock), scanned, approval, rules.lock, rules.metadata);
  write_atomically(cmd.lock_file, lock::render_lockfile(outcome.lock));

  if (!cmd.quiet) {
    std::cerr << "mcp-assay: pinned " << scanned.size() << " server" << (scanned.size() == 1 ? "" : "s") << " in "
              << cmd.lock_file << " (" << outcome.first_approvals << " first approval"
              << (outcome.first_approvals == 1 ? "" : "s") << ", " << outcome.recertified << " recertified with "
              << outcome.changed_items << " changed item" << (outcome.changed_items == 1 ? "" : "s") << "), approved by "
              << approval.approver << " at " << approval.at << "\n";
    int serious = 0;
    for (const auto& f : result.findings) serious += f.severity >= Severity::high;
    if (serious > 0)
      std::cerr << "mcp-assay: warning: the approved surface has " << serious
                << " finding(s) at high or above; `mcp-assay scan` the same targets to read them\n";
  }
  return kExitClean;
}

}  // namespace assay::cli
