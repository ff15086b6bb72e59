// Building the next version of a lockfile from a scan and one approval.
#include "scanner/lock/pin.h"

#include "scanner/lock/verify.h"
#include "scanner/mcp/escape.h"
#include "scanner/model/error.h"

namespace assay::lock {
namespace {

constexpr size_t kMaxChangeLines = 100;

std::vector<std::string> summarise(const std::vector<ItemDifference>& diffs) {
  std::vector<std::string> out;
  for (const auto& d : diffs)
    for (const auto& v : d.verdicts) {
      std::string details;
      for (const auto& line : v.details) details += (details.empty() ? "" : "; ") + line;
      std::string item = d.kind == ItemKind::instructions
                             ? std::string("instructions")
                             : std::string(to_string(d.kind)) + " '" + mcp::escape_for_message(d.key, 120) + "'";
      std::string line = v.rule_id + " " + item + ": " + details;
      if (line.size() > 400) line = line.substr(0, 400) + " ...";
      out.push_back(std::move(line));
    }
  if (out.size() > kMaxChangeLines) {
    size_t more = out.size() - kMaxChangeLines;
    out.resize(kMaxChangeLines);
    out.push_back("... and " + std::to_string(more) + " more");
  }
  return out;
}

}  // namespace

PinOutcome pin_servers(Lockfile lock, const std::vector<ScannedServer>& scanned, const Approval& approval,
                       const std::vector<LockRule>& rules, const rules::MetadataEngine& engine) {
  PinOutcome out;
  std::vector<std::pair<ServerKey, std::string>> done;  // key, surface hash
  for (const auto& s : scanned) {
    std::vector<SurfaceItem> items = surface_of(s.dump.inventory);
    std::string hash = surface_hash(items);
    bool duplicate = false;
    for (const auto& [key, h] : done)
      if (key == s.key) {
        if (h != hash)
          throw input_error("two targets declare server '" + describe(s.key) + "' with different surfaces (" +
                            s.target + " is one): pin them separately");
        duplicate = true;
      }
    if (duplicate) continue;
    done.emplace_back(s.key, hash);

    Approval a = approval;
    LockedServer* pinned = match_server(lock, s.key);
    if (!pinned) {
      a.changes = {"first approval"};
      lock.servers.push_back({s.key, std::move(items), {a}, "", {}});
      ++out.first_approvals;
      continue;
    }
    auto diffs = compare_server(*pinned, items, rules, engine);
    out.changed_items += static_cast<int>(diffs.size());
    a.changes = diffs.empty() ? std::vector<std::string>{"no change since the previous approval"} : summarise(diffs);
    pinned->key = s.key;
    pinned->items = std::move(items);
    pinned->item_pointers.clear();
    pinned->approvals.push_back(std::move(a));
    ++out.recertified;
  }
  out.lock = std::move(lock);
  return out;
}

}  // namespace assay::lock
