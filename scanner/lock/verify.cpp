// Comparing pinned surfaces with scanned ones and turning the differences into findings.
#include "scanner/lock/verify.h"

#include <map>
#include <tuple>

#include "scanner/mcp/escape.h"
#include "scanner/model/error.h"

namespace assay::lock {
namespace {

constexpr size_t kMaxMessageBytes = 2000;

std::string logical_of(const std::string& server, ItemKind kind, const std::string& key) {
  if (kind == ItemKind::instructions) return server + "/instructions";
  return server + "/" + list_name(kind) + "/" + key;
}

std::string item_name(ItemKind kind, const std::string& key) {
  if (kind == ItemKind::instructions) return "the server instructions";
  return std::string(to_string(kind)) + " '" + mcp::escape_for_message(key, 120) + "'";
}

std::string where_in_lock(const PhysicalLocation& at) {
  return at.file + (at.start_line > 0 ? ":" + std::to_string(at.start_line) : "");
}

std::string approved_by(const LockedServer& s) {
  const Approval& last = s.approvals.back();
  return "approved by " + mcp::escape_for_message(last.approver, 80) + " on " + mcp::escape_for_message(last.at, 40);
}

Finding make(const LockRule* rule, const std::string& id, Severity severity, const std::string& server) {
  Finding f;
  f.rule_id = id;
  f.rule_name = rule ? rule->info.name : id;
  f.confidence = rule ? rule->info.confidence : Confidence::high;
  f.severity = severity;
  f.server = server;
  return f;
}

void finish(Finding& f, std::string message) {
  if (message.size() > kMaxMessageBytes) message = message.substr(0, kMaxMessageBytes) + " ...";
  f.message = std::move(message);
  f.fingerprint = compute_fingerprint(f);
}

}  // namespace

std::vector<ItemDifference> compare_server(const LockedServer& pinned, const std::vector<SurfaceItem>& scanned,
                                           const std::vector<LockRule>& rules, const rules::MetadataEngine& engine) {
  using Key = std::tuple<ItemKind, std::string>;
  std::map<Key, std::pair<const SurfaceItem*, size_t>> before;
  std::map<Key, const SurfaceItem*> after;
  for (size_t i = 0; i < pinned.items.size(); ++i) before[{pinned.items[i].kind, pinned.items[i].key}] = {&pinned.items[i], i};
  for (const auto& item : scanned) after[{item.kind, item.key}] = &item;
  std::map<Key, ItemDifference> diffs;
  for (const auto& [k, p] : before) {
    auto it = after.find(k);
    const SurfaceItem* now = it == after.end() ? nullptr : it->second;
    if (now && now->sha256 == p.first->sha256) continue;
    diffs[k] = {std::get<0>(k), std::get<1>(k), p.first, now, p.second, {}};
  }
  for (const auto& [k, now] : after)
    if (!before.count(k)) diffs[k] = {std::get<0>(k), std::get<1>(k), nullptr, now, 0, {}};
  std::vector<ItemDifference> out;
  for (auto& [k, d] : diffs) {
    d.verdicts = judge_item(d.kind, d.pinned ? d.pinned->declared : nlohmann::json(nullptr),
                            d.scanned ? d.scanned->declared : nlohmann::json(nullptr), rules, engine);
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Finding> verify_against_lock(const Lockfile& lock, const std::vector<ScannedServer>& scanned,
                                         const std::vector<std::string>& failed, const std::vector<LockRule>& rules,
                                         const rules::MetadataEngine& engine) {
  std::vector<Finding> out;
  auto lock_location = [&lock](const std::string& pointer) {
    return lock.locator ? lock.locator->locate(pointer) : PhysicalLocation{lock.path, 1, 1, 1, 1};
  };
  std::vector<const LockedServer*> seen;
  for (const auto& s : scanned) {
    const Inventory& inv = s.dump.inventory;
    PhysicalLocation server_at = s.dump.locator->locate(inv.server_pointer);
    std::string other_launch;
    const LockedServer* pinned = match_server(lock, s.key, &other_launch);
    if (!pinned) {
      const LockRule* rule = find_rule(rules, ids::kServerNotPinned);
      Finding f = make(rule, ids::kServerNotPinned, rule ? rule->info.severity : Severity::medium, inv.server.name);
      f.evidence = describe(s.key);
      f.locations.push_back({server_at, inv.server.name});
      f.locations.push_back({lock_location("/servers"), "lock/servers"});
      finish(f, "server '" + mcp::escape_for_message(describe(s.key), 200) + "' is not in the lockfile " + lock.path +
                    (other_launch.empty() ? "" : "; it was pinned as launched by '" +
                                                     mcp::escape_for_message(other_launch, 200) + "'") +
                    ": review its surface and approve it with `mcp-assay pin --update`");
      out.push_back(std::move(f));
      continue;
    }
    seen.push_back(pinned);
    // The differences point into `now`: it must outlive them.
    std::vector<SurfaceItem> now = surface_of(inv);
    for (const auto& d : compare_server(*pinned, now, rules, engine)) {
      PhysicalLocation in_lock = lock_location(d.pinned ? pinned->item_pointers[d.pinned_index] : pinned->pointer);
      std::string logical = logical_of(inv.server.name, d.kind, d.key);
      for (const auto& v : d.verdicts) {
        Finding f = make(find_rule(rules, v.rule_id), v.rule_id, v.severity, inv.server.name);
        std::string details;
        for (const auto& line : v.details) details += (details.empty() ? "" : "; ") + line;
        f.evidence = details;
        if (d.scanned) f.locations.push_back({s.dump.locator->locate(d.scanned->source_pointer), logical});
        f.locations.push_back({in_lock, "lock/" + logical});
        std::string what = !d.pinned    ? " is new since the surface was "
                           : !d.scanned ? " was removed since the surface was "
                                        : " changed since it was ";
        finish(f, item_name(d.kind, d.key) + " of server '" + mcp::escape_for_message(inv.server.name, 120) + "'" + what +
                      approved_by(*pinned) + " (" + where_in_lock(in_lock) + "): " + details);
        out.push_back(std::move(f));
      }
    }
  }
  for (const auto& pinned : lock.servers) {
    bool was_seen = false;
    for (const auto* s : seen) was_seen = was_seen || s == &pinned;
    bool did_fail = false;
    for (const auto& name : failed) did_fail = did_fail || name == pinned.key.name;
    if (was_seen || did_fail) continue;
    const LockRule* rule = find_rule(rules, ids::kServerMissing);
    Finding f = make(rule, ids::kServerMissing, rule ? rule->info.severity : Severity::low, pinned.key.name);
    f.evidence = describe(pinned.key);
    f.locations.push_back({lock_location(pinned.pointer), "lock/" + pinned.key.name});
    finish(f, "server '" + mcp::escape_for_message(describe(pinned.key), 200) + "' is pinned in " +
                  where_in_lock(f.locations.front().physical) + " but was not among the servers scanned");
    out.push_back(std::move(f));
  }
  return out;
}

void verify_scan(const scan::ScanRequest& request, const scan::RuleSet& rules, ScanResult& result) {
  if (rules.lock.empty())
    throw input_error("--lock needs the lock rules (MCP310..MCP319): the rules directory has no lock/ folder");
  Lockfile lock = read_lockfile(request.lock_file);
  for (const auto& r : rules.lock) result.rules.push_back(r.info);
  std::vector<std::string> failed;
  for (const auto& t : result.targets)
    if (t.status == TargetStatus::failed) failed.push_back(t.server);
  for (auto& f : verify_against_lock(lock, scanned_servers(request, result), failed, rules.lock, rules.metadata))
    result.findings.push_back(std::move(f));
}

}  // namespace assay::lock
