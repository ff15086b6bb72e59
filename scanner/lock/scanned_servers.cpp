// Naming scanned servers the way the lockfile does.
#include "scanner/lock/scanned_servers.h"

#include "scanner/discovery/redact.h"

namespace assay::lock {
namespace {

std::string launch_of(const scan::ScanRequest& request, const std::string& target) {
  if (!request.command.empty() && target == scan::command_line(request.command))
    return "stdio: " + scan::command_line(request.command);
  for (const auto& s : request.configured) {
    std::string prefix = s.client + ":" + s.name;
    if (target != prefix && !target.starts_with(prefix + " (")) continue;
    if (s.transport != discovery::Transport::stdio) return "url: " + discovery::shown_url(s.url.value);
    std::vector<std::string> argv = {s.command};
    for (const auto& a : s.args) argv.push_back(a.value);
    return "stdio: " + scan::command_line(argv);
  }
  return "";
}

template <typename Lock, typename Server>
Server* match(Lock& lock, const ServerKey& key, std::string* other_launch) {
  Server* only_by_name = nullptr;
  int by_name = 0;
  for (auto& s : lock.servers) {
    if (s.key == key) return &s;
    if (s.key.name != key.name) continue;
    ++by_name;
    only_by_name = &s;
  }
  if (by_name != 1) return nullptr;
  if (key.launch.empty() || only_by_name->key.launch.empty()) return only_by_name;
  if (other_launch) *other_launch = only_by_name->key.launch;
  return nullptr;
}

}  // namespace

std::vector<ScannedServer> scanned_servers(const scan::ScanRequest& request, const ScanResult& result) {
  std::vector<ScannedServer> out;
  for (const auto& t : result.targets) {
    if (t.status != TargetStatus::scanned || t.inventory_file.empty()) continue;
    ScannedServer s;
    s.target = t.target;
    s.dump = targets::load_dump_file(t.inventory_file);
    s.key = {s.dump.inventory.server.name, launch_of(request, t.target)};
    out.push_back(std::move(s));
  }
  return out;
}

const LockedServer* match_server(const Lockfile& lock, const ServerKey& key, std::string* other_launch) {
  return match<const Lockfile, const LockedServer>(lock, key, other_launch);
}

LockedServer* match_server(Lockfile& lock, const ServerKey& key, std::string* other_launch) {
  return match<Lockfile, LockedServer>(lock, key, other_launch);
}

}  // namespace assay::lock
