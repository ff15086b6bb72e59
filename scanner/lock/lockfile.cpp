// Reading and writing mcp-assay.lock.
#include "scanner/lock/lockfile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>

#include "scanner/lock/canonical.h"
#include "scanner/mcp/escape.h"
#include "scanner/model/error.h"
#include "scanner/model/sha256.h"
#include "scanner/targets/dump_loader.h"

namespace assay::lock {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::uintmax_t kMaxLockBytes = 64u << 20;

constexpr ItemKind kListKinds[] = {ItemKind::tool, ItemKind::prompt, ItemKind::resource, ItemKind::resource_template};

class Reader {
 public:
  Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw input_error(path_ + ": " + (where.empty() ? "" : where + ": ") + what);
  }

  std::string text(const json& obj, const char* key, const std::string& where, bool required) const {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) fail(where, std::string("missing '") + key + "'");
      return "";
    }
    if (!it->is_string()) fail(where, std::string("'") + key + "' must be a string");
    return it->get<std::string>();
  }

  SurfaceItem item(ItemKind kind, const json& entry, const std::string& where) const {
    if (!entry.is_object()) fail(where, "must be an object with 'sha256' and 'declared'");
    std::string stored = text(entry, "sha256", where, true);
    auto declared = entry.find("declared");
    if (declared == entry.end()) fail(where, "missing 'declared'");
    auto item = item_from_declared(kind, *declared);
    if (!item) fail(where, std::string("'declared' is not a ") + to_string(kind) + " declaration");
    if (item->sha256 != stored)
      fail(where + " (" + mcp::escape_for_message(item->key, 80) + ")",
           "sha256 does not match the declaration (edited by hand?); re-approve with `mcp-assay pin --update`");
    return *item;
  }

  Approval approval(const json& a, const std::string& where) const {
    if (!a.is_object()) fail(where, "must be an object");
    Approval out{text(a, "approver", where, true), text(a, "at", where, true), text(a, "reason", where, true), {}};
    if (auto c = a.find("changes"); c != a.end()) {
      if (!c->is_array()) fail(where, "'changes' must be a list of strings");
      for (const auto& s : *c) {
        if (!s.is_string()) fail(where, "'changes' must be a list of strings");
        out.changes.push_back(s.get<std::string>());
      }
    }
    return out;
  }

  LockedServer server(const json& s, size_t index) const {
    std::string where = "servers[" + std::to_string(index) + "]";
    if (!s.is_object()) fail(where, "must be an object");
    LockedServer out;
    out.pointer = "/servers/" + std::to_string(index);
    out.key.name = text(s, "name", where, true);
    if (out.key.name.empty()) fail(where, "'name' is empty");
    out.key.launch = text(s, "launch", where, false);
    if (auto ins = s.find("instructions"); ins != s.end()) {
      out.items.push_back(item(ItemKind::instructions, *ins, where + ".instructions"));
      out.item_pointers.push_back(out.pointer + "/instructions");
    }
    for (ItemKind kind : kListKinds) {
      auto list = s.find(list_name(kind));
      if (list == s.end()) continue;
      if (!list->is_array()) fail(where, std::string("'") + list_name(kind) + "' must be a list");
      for (size_t i = 0; i < list->size(); ++i) {
        std::string w = where + "." + list_name(kind) + "[" + std::to_string(i) + "]";
        out.items.push_back(item(kind, (*list)[i], w));
        out.item_pointers.push_back(out.pointer + "/" + list_name(kind) + "/" + std::to_string(i));
      }
    }
    auto approvals = s.find("approvals");
    if (approvals == s.end() || !approvals->is_array() || approvals->empty())
      fail(where, "'approvals' must be a non-empty list: every pinned surface has an approval");
    for (size_t i = 0; i < approvals->size(); ++i)
      out.approvals.push_back(approval((*approvals)[i], where + ".approvals[" + std::to_string(i) + "]"));
    return out;
  }

 private:
  std::string path_;
};

ordered_json ordered(const json& canonical) { return ordered_json::parse(canonical_text(canonical)); }

ordered_json entry(const SurfaceItem& item) {
  ordered_json e = ordered_json::object();
  e["sha256"] = item.sha256;
  e["declared"] = ordered(item.declared);
  return e;
}

}  // namespace

std::string surface_hash(const std::vector<SurfaceItem>& items) {
  std::string all;
  for (const auto& i : items) all += std::string(list_name(i.kind)) + "\n" + i.key + "\n" + i.sha256 + "\n";
  return "sha256:" + sha256_hex(all);
}

Lockfile parse_lockfile(const std::string& path, const std::string& text) {
  Reader r(path);
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    r.fail("", "not valid JSON (" + targets::describe_offset(text, e.byte > 0 ? e.byte - 1 : 0) + ")");
  }
  if (!j.is_object() || !j.contains("lockfileVersion"))
    r.fail("", "not an mcp-assay lockfile (no 'lockfileVersion'); write one with `mcp-assay pin`");
  const json& v = j["lockfileVersion"];
  if (!v.is_number_integer() || v.get<long long>() != kLockfileVersion)
    r.fail("", "lockfile version " + mcp::escape_for_message(v.dump(), 20) + " is not supported (this mcp-assay reads version " +
                   std::to_string(kLockfileVersion) + ")");
  auto servers = j.find("servers");
  if (servers == j.end() || !servers->is_array()) r.fail("", "'servers' must be a list");
  Lockfile lock;
  lock.path = path;
  for (size_t i = 0; i < servers->size(); ++i) lock.servers.push_back(r.server((*servers)[i], i));
  for (size_t i = 1; i < lock.servers.size(); ++i)
    for (size_t k = 0; k < i; ++k)
      if (lock.servers[k].key == lock.servers[i].key)
        r.fail("servers[" + std::to_string(i) + "]", "server '" + describe(lock.servers[i].key) + "' is pinned twice");
  lock.locator = std::make_shared<targets::JsonLocator>(path, text);
  return lock;
}

Lockfile read_lockfile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw input_error(path + ": cannot read the lockfile (no such file)");
  if (std::filesystem::file_size(path, ec) > kMaxLockBytes) throw input_error(path + ": lockfile larger than 64 MiB");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in && !in.eof()) throw input_error(path + ": cannot read the lockfile");
  return parse_lockfile(path, s.str());
}

std::string render_lockfile(const Lockfile& lock) {
  std::vector<const LockedServer*> servers;
  for (const auto& s : lock.servers) servers.push_back(&s);
  std::sort(servers.begin(), servers.end(), [](auto* a, auto* b) { return a->key < b->key; });
  ordered_json out = ordered_json::object();
  out["lockfileVersion"] = kLockfileVersion;
  out["servers"] = ordered_json::array();
  for (const auto* s : servers) {
    std::vector<SurfaceItem> items = s->items;
    std::sort(items.begin(), items.end(),
              [](const SurfaceItem& a, const SurfaceItem& b) { return std::tie(a.kind, a.key) < std::tie(b.kind, b.key); });
    ordered_json e = ordered_json::object();
    e["name"] = s->key.name;
    if (!s->key.launch.empty()) e["launch"] = s->key.launch;
    e["surfaceSha256"] = surface_hash(items);
    for (const auto& i : items)
      if (i.kind == ItemKind::instructions) e["instructions"] = entry(i);
    for (ItemKind kind : kListKinds) {
      ordered_json list = ordered_json::array();
      for (const auto& i : items)
        if (i.kind == kind) list.push_back(entry(i));
      if (!list.empty()) e[list_name(kind)] = list;
    }
    ordered_json approvals = ordered_json::array();
    for (const auto& a : s->approvals) {
      ordered_json aj = ordered_json::object();
      aj["approver"] = a.approver;
      aj["at"] = a.at;
      aj["reason"] = a.reason;
      aj["changes"] = a.changes;
      approvals.push_back(aj);
    }
    e["approvals"] = approvals;
    out["servers"].push_back(e);
  }
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace assay::lock
