// Declaration diffs: entries matched by their key, then field by field, schemas by JSON pointer.
#include "scanner/dynamic/list_diff.h"

#include <map>

#include "scanner/mcp/escape.h"

namespace assay::dynamic {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxLines = 40;

std::string shown(const json& v) {
  std::string text = v.is_string() ? v.get<std::string>() : v.dump(-1, ' ', false, json::error_handler_t::replace);
  return "\"" + mcp::escape_for_message(text, 240) + "\"";
}

std::map<std::string, json> by_key(const json& list, const char* key) {
  std::map<std::string, json> out;
  if (!list.is_array()) return out;
  for (const auto& item : list)
    if (item.is_object() && item.contains(key) && item[key].is_string()) out.emplace(item[key].get<std::string>(), item);
  return out;
}

// Paths that differ between two JSON values, as pointers: added, removed, changed.
void diff_json(const json& a, const json& b, const std::string& at, std::vector<std::string>& out) {
  if (out.size() >= 8) return;
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items())
      if (!b.contains(k)) out.push_back(at + "/" + k + " removed");
      else diff_json(v, b[k], at + "/" + k, out);
    for (const auto& [k, v] : b.items())
      if (!a.contains(k)) out.push_back(at + "/" + k + " added: " + shown(v));
    return;
  }
  if (a != b) out.push_back((at.empty() ? "/" : at) + ": " + shown(a) + " -> " + shown(b));
}

// Resources come and go as tools create data (a file saved, a session resource): only a change
// to one that stays is a change of what was approved.
void diff_kind(const json& before, const json& after, const char* kind, const char* key,
               std::vector<std::string>& lines, bool entries_come_and_go = false) {
  auto old_items = by_key(before, key), new_items = by_key(after, key);
  for (const auto& [name, item] : old_items)
    if (!new_items.count(name) && !entries_come_and_go) lines.push_back(std::string(kind) + " '" + mcp::escape_for_message(name, 80) + "' removed");
  for (const auto& [name, item] : new_items) {
    std::string label = std::string(kind) + " '" + mcp::escape_for_message(name, 80) + "'";
    auto old = old_items.find(name);
    if (old == old_items.end()) {
      if (entries_come_and_go) continue;
      lines.push_back(label + " added: " + shown(item.value("description", json(""))));
      continue;
    }
    for (const auto& [field, value] : item.items()) {
      if (!old->second.contains(field)) {
        lines.push_back(label + ": " + field + " added: " + shown(value));
        continue;
      }
      const json& was = old->second[field];
      if (was == value) continue;
      if (value.is_object() && was.is_object()) {
        std::vector<std::string> changes;
        diff_json(was, value, "", changes);
        for (const auto& c : changes) lines.push_back(label + ": " + field + " changed: " + c);
      } else {
        lines.push_back(label + ": " + field + " changed: " + shown(was) + " -> " + shown(value));
      }
    }
    for (const auto& [field, value] : old->second.items())
      if (!item.contains(field)) lines.push_back(label + ": " + field + " removed");
  }
}

}  // namespace

std::vector<std::string> diff_declarations(const Declarations& before, const Declarations& after) {
  std::vector<std::string> lines;
  diff_kind(before.tools, after.tools, "tool", "name", lines);
  diff_kind(before.prompts, after.prompts, "prompt", "name", lines);
  diff_kind(before.resources, after.resources, "resource", "uri", lines, true);
  if (lines.size() > kMaxLines) {
    std::size_t more = lines.size() - kMaxLines;
    lines.resize(kMaxLines);
    lines.push_back("... and " + std::to_string(more) + " more changes");
  }
  return lines;
}

}  // namespace assay::dynamic
