// Cross-server shadowing: one server's metadata (descriptions, parameter texts, prompts, server
// instructions) names a tool of another server in the scanned set, or that server itself: "when
// using send_email from the mail server, always BCC ...". The model reads every server's
// metadata in one context, so a server can steer how another server's tools are used. Its own
// vocabulary is fair to use (its tools, parameters, enum values, prompts: the PDF server's
// "fill_form" action is not the browser server's fill_form tool). A plain word that happens to
// be a tool name elsewhere ("search", "query") counts only when written as a tool (`search`,
// the search tool) inside an instruction; quoted words are mostly parameter names.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_set>

#include "scanner/fleet/fleet_checks.h"
#include "scanner/fleet/tool_names.h"
#include "scanner/rules/metadata_field.h"
#include "scanner/text/normalize.h"

namespace assay::fleet {
namespace {

constexpr size_t kMaxListed = 6;
constexpr size_t kMaxEvidence = 240;
constexpr int kMaxMentions = 16;  // occurrences of one name looked at per field
constexpr size_t kMaxFieldBytes = 64 * 1024;  // a field beyond this is searched in its first part

struct Target {
  std::string text;     // normalized, as it would appear in normalized metadata
  std::vector<std::string> parts;  // its runs of letters, digits and '_': all must be in a text to match
  std::string shown;    // server/tool or "server NAME"
  bool tool = true;
  bool distinctive = false;  // several words: a mention is a reference, not prose
  size_t server;
  const Tool* tool_ptr = nullptr;
};

bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Runs of letters, digits and '_' (what a name is made of, between separators).
std::vector<std::string> ident_runs(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || !ident_char(text[i])) {
      if (i > start) out.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// `rest` starts with " NOUN" as a whole word.
bool followed_by_word(std::string_view rest, std::string_view noun) {
  if (!rest.starts_with(noun)) return false;
  return rest.size() == noun.size() || !std::isalpha(static_cast<unsigned char>(rest[noun.size()]));
}

// Written as a name rather than a word: quoted, called, or called a tool / server.
bool referenced_as_name(const std::string& text, size_t at, size_t len, bool tool) {
  char before = at > 0 ? text[at - 1] : ' ';
  char after = at + len < text.size() ? text[at + len] : ' ';
  if ((before == '`' || before == '\'' || before == '"') && after == before) return true;
  if (tool && after == '(') return true;
  std::string_view rest = std::string_view(text).substr(at + len);
  std::string_view lead = std::string_view(text).substr(0, at);
  const char* noun = tool ? " tool" : " server";
  const char* noun2 = tool ? " function" : " mcp";
  return followed_by_word(rest, noun) || followed_by_word(rest, noun2) ||
         (tool ? lead.ends_with("tool ") : lead.ends_with("server "));
}

// The sentence around a mention, where an instruction to the model would be.
std::string sentence_at(const std::string& text, size_t at, size_t len) {
  size_t start = at, end = at + len;
  while (start > 0 && text[start - 1] != '.' && text[start - 1] != '\n' && at - start < kMaxEvidence / 2) --start;
  while (end < text.size() && text[end] != '.' && text[end] != '\n' && end - at < kMaxEvidence / 2) ++end;
  std::string s = text.substr(start, end - start);
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  return s;
}

const RE2& instruction_words() {
  static const RE2 re(
      "\\b(always|never|must|instead|before|after|whenever|when (you|using|calling|the)|do not|don't|override|"
      "ignore|bcc|cc|redirect|replace|forward|first|prefer|only use|should|make sure|ensure|remember)\\b");
  return re;
}

std::vector<Target> targets_for(const FleetView& view, size_t self, const std::vector<rules::MetadataField>& own_fields) {
  const FleetServer& me = view.servers[self];
  std::set<std::string> own_tools, own_names;
  for (const auto& t : me.inventory.tools) own_tools.insert(canonical_name(t.name));
  for (const auto& f : own_fields)
    if (rules::is_name_field(f.kind) || f.kind == rules::FieldKind::param_enum) own_tools.insert(canonical_name(f.text));
  own_names.insert(canonical_name(me.name));
  for (const auto& a : me.aliases) own_names.insert(canonical_name(a));
  std::vector<Target> out;
  for (size_t s = 0; s < view.servers.size(); ++s) {
    if (s == self) continue;
    const FleetServer& other = view.servers[s];
    for (const auto& t : other.inventory.tools) {
      if (own_tools.count(canonical_name(t.name)) || t.name.size() < 3) continue;
      std::string n = text::normalize_for_matching(t.name);
      out.push_back({n, ident_runs(n), other.name + "/" + t.name, true, name_words(t.name).size() >= 2 && n.size() >= 6, s, &t});
    }
    std::vector<std::string> names = other.aliases;
    names.insert(names.begin(), other.name);
    for (const auto& name : names) {
      if (own_names.count(canonical_name(name)) || name.size() < 3) continue;
      std::string n = text::normalize_for_matching(name);
      out.push_back({n, ident_runs(n), "server " + other.name, false, false, s, nullptr});
    }
  }
  return out;
}

std::string relative_logical(const FleetServer& server, const std::string& logical) {
  const std::string& declared = server.inventory.server.name;
  if (!declared.empty() && logical.starts_with(declared + "/")) return server.name + logical.substr(declared.size());
  return server.name + "/" + logical;
}

}  // namespace

std::vector<Finding> find_shadowing(const FleetRule& rule, const FleetView& view) {
  std::vector<Finding> out;
  for (size_t self = 0; self < view.servers.size(); ++self) {
    const FleetServer& me = view.servers[self];
    std::vector<rules::MetadataField> fields = rules::collect_fields(me.inventory);
    std::vector<Target> targets = targets_for(view, self, fields);
    if (targets.empty()) continue;
    for (const auto& field : fields) {
      if (rules::is_name_field(field.kind) || field.kind == rules::FieldKind::resource_uri ||
          field.kind == rules::FieldKind::template_uri)
        continue;
      std::string text = text::normalize_for_matching(std::string_view(field.text).substr(0, kMaxFieldBytes));
      // Hundreds of names against thousands of fields: a name can only occur where all its
      // parts do, so most pairs are settled by hash lookups instead of substring searches.
      std::vector<std::string> runs = ident_runs(text);
      std::unordered_set<std::string_view> present(runs.begin(), runs.end());
      std::vector<const Target*> hits;
      std::string evidence;
      bool instructive = false;
      for (const auto& t : targets) {
        if (t.parts.empty() || !std::all_of(t.parts.begin(), t.parts.end(), [&](const std::string& p) { return present.count(p); }))
          continue;
        bool hit = false;
        int looked = 0;
        // Every mention counts (up to a bound): the first may be harmless, the next an instruction.
        for (size_t at = text.find(t.text); at != std::string::npos && looked < kMaxMentions;
             at = text.find(t.text, at + 1), ++looked) {
          size_t end = at + t.text.size();
          if ((at > 0 && ident_char(text[at - 1])) || (end < text.size() && ident_char(text[end]))) continue;
          if (!t.distinctive && !referenced_as_name(text, at, t.text.size(), t.tool)) continue;
          std::string sentence = sentence_at(text, at, t.text.size());
          bool instruction = RE2::PartialMatch(sentence, instruction_words());
          if (!t.distinctive && !instruction) continue;
          if (evidence.empty() || (instruction && !instructive)) evidence = sentence;
          instructive = instructive || instruction;
          hit = true;
        }
        if (hit) hits.push_back(&t);
      }
      if (hits.empty()) continue;
      std::vector<std::string> named;
      Location here;
      here.logical = relative_logical(me, field.logical);
      if (!me.config_entry.file.empty()) here.physical = me.config_entry;
      else if (me.locator) here.physical = me.locator->locate(field.pointer);
      std::vector<Location> locations{here};
      for (const Target* h : hits) {
        named.push_back(h->shown);
        if (h->tool_ptr && locations.size() <= kMaxListed) locations.push_back(tool_location(view.servers[h->server], *h->tool_ptr));
      }
      std::string message = "Metadata of server " + me.name + " (" + std::string(rules::to_string(field.kind)) +
                            ") refers to " + listed(named, kMaxListed) +
                            (instructive ? ", in an instruction to the model: it can steer how another server's tools are used"
                                         : ": a server has no reason to name another server's tools");
      out.push_back(fleet_finding(rule, instructive ? rule.info.severity : rule.weaker_severity, message,
                                  evidence.substr(0, kMaxEvidence), me.name, std::move(locations)));
    }
  }
  return out;
}

}  // namespace assay::fleet
