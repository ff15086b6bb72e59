// Typosquatted tool names: another server's name with one word misspelt ("send_emial" beside
// "send_email"). Honest neighbours differ by whole words (list_pages / list_pdfs), by a plural
// (get_issue / get_issues) or by real words both descriptions use (query_list / queue_list);
// a typosquat's misspelt word is one its own description never uses, because the description
// is written for the model and spells the word right.
#include <algorithm>
#include <cctype>
#include <set>

#include "scanner/fleet/fleet_checks.h"
#include "scanner/fleet/tool_names.h"
#include "scanner/text/identifier_checks.h"
#include "scanner/text/normalize.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxTools = 4000;   // pairs are quadratic; a fleet beyond this is compared in part
constexpr size_t kMinWordLength = 4;  // short words (get/set, add/and) differ by one letter honestly
constexpr size_t kLongWord = 8;       // from this length two edits are still a misspelling

struct Entry {
  size_t server;
  const Tool* tool;
  std::vector<std::string> words;
  std::string canonical, skeleton, description;
};

bool described_with(const Entry& e, const std::string& word) {
  for (size_t at = e.description.find(word); at != std::string::npos; at = e.description.find(word, at + 1)) {
    unsigned char before = at == 0 ? ' ' : static_cast<unsigned char>(e.description[at - 1]);
    if (!std::isalnum(before)) return true;
  }
  return false;
}

// The differing word of two names with the same words but one, when it reads as a misspelling.
bool misspelt_pair(const Entry& a, const Entry& b, size_t* index) {
  if (a.words.size() != b.words.size()) return false;
  size_t differing = a.words.size();
  for (size_t i = 0; i < a.words.size(); ++i) {
    if (a.words[i] == b.words[i]) continue;
    if (differing != a.words.size()) return false;  // two words differ: different names
    differing = i;
  }
  if (differing == a.words.size()) return false;
  const std::string& x = a.words[differing];
  const std::string& y = b.words[differing];
  if (x.size() < kMinWordLength || y.size() < kMinWordLength || plural_pair(x, y)) return false;
  if (std::isdigit(static_cast<unsigned char>(x[0])) || std::isdigit(static_cast<unsigned char>(y[0]))) return false;
  int allowed = std::min(x.size(), y.size()) >= kLongWord ? 2 : 1;
  if (edit_distance(x, y, allowed) > allowed) return false;
  *index = differing;
  return true;
}

}  // namespace

std::vector<Finding> find_look_alike_names(const FleetRule& rule, const FleetView& view) {
  std::vector<Entry> entries;
  for (size_t s = 0; s < view.servers.size(); ++s)
    for (const auto& t : view.servers[s].inventory.tools) {
      if (entries.size() >= kMaxTools) break;
      Entry e{s, &t, name_words(t.name), canonical_name(t.name), text::confusable_skeleton(t.name),
              text::normalize_for_matching(t.title + " " + t.description)};
      entries.push_back(std::move(e));
    }
  std::vector<Finding> out;
  std::set<std::pair<std::string, std::string>> reported;
  for (size_t i = 0; i < entries.size(); ++i)
    for (size_t j = i + 1; j < entries.size(); ++j) {
      const Entry& a = entries[i];
      const Entry& b = entries[j];
      // Same canonical name: a collision; same skeleton: a confusable (each has its own rule).
      if (a.server == b.server || a.canonical == b.canonical || a.skeleton == b.skeleton) continue;
      size_t w = 0;
      if (!misspelt_pair(a, b, &w)) continue;
      bool a_real = described_with(a, a.words[w]);
      bool b_real = described_with(b, b.words[w]);
      if (a_real && b_real) continue;  // both are words their authors use: honest neighbours
      // The suspect is the side whose word its own description does not use.
      const Entry& suspect = !a_real ? a : b;
      const Entry& original = !a_real ? b : a;
      const FleetServer& ss = view.servers[suspect.server];
      const FleetServer& os = view.servers[original.server];
      if (!reported.insert({ss.name + "/" + suspect.tool->name, os.name + "/" + original.tool->name}).second) continue;
      std::string message = "Tool " + ss.name + "/" + suspect.tool->name + " looks like a misspelling of " + os.name +
                            "/" + original.tool->name + " ('" + suspect.words[w] + "' for '" + original.words[w] +
                            "', a word its own description never uses): a typosquat catches calls meant for the other tool";
      out.push_back(fleet_finding(rule, rule.info.severity, message,
                                  ss.name + "/" + suspect.tool->name + " ~ " + os.name + "/" + original.tool->name, ss.name,
                                  {tool_location(ss, *suspect.tool), tool_location(os, *original.tool)}));
    }
  return out;
}

}  // namespace assay::fleet
