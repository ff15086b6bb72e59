// Sorting an item's changes into the MCP31x rules, with the metadata engine as the judge of
// whether edited text now carries an attack.
#include "scanner/lock/classify.h"

#include <re2/re2.h>

#include <map>
#include <set>

#include "scanner/lock/text_diff.h"
#include "scanner/mcp/escape.h"

namespace assay::lock {
namespace {

using nlohmann::json;

struct Collector {
  const std::vector<LockRule>& rules;
  std::map<std::string, Verdict> by_rule;

  void add(const char* id, Severity severity, std::string detail) {
    auto [it, fresh] = by_rule.try_emplace(id, Verdict{id, severity, {}});
    if (!fresh && severity > it->second.severity) it->second.severity = severity;
    it->second.details.push_back(std::move(detail));
  }
  Severity rule_severity(const char* id, Severity fallback) const {
    const LockRule* r = find_rule(rules, id);
    return r ? r->info.severity : fallback;
  }
};

std::set<std::string> rules_hit(const rules::MetadataEngine& engine, rules::FieldKind field, const std::string& text,
                                std::map<std::string, Severity>* severities) {
  std::set<std::string> out;
  if (text.empty()) return out;
  for (const auto& hit : engine.evaluate(field, text)) {
    // A low hit (a style or hygiene rule) does not make an edit an attack.
    if (hit.severity < Severity::medium) continue;
    out.insert(hit.rule->info.id);
    if (severities) {
      auto& s = (*severities)[hit.rule->info.id];
      s = std::max(s, hit.severity);
    }
  }
  return out;
}

std::string instruction_sentence(const LockRule* rule, const TextChange& t) {
  if (!rule) return "";
  for (const auto& sentence : added_sentences(t.before, t.after))
    for (const auto& p : rule->instruction_patterns)
      if (RE2::PartialMatch(sentence, *p)) return sentence;
  return "";
}

void judge_text(Collector& c, const Change& change, const rules::MetadataEngine& engine) {
  const TextChange& t = *change.text;
  std::string diff = word_diff(t.before, t.after);
  if (same_but_whitespace(t.before, t.after)) {
    if (t.of_new_entry) return;
    c.add(ids::kCosmetic, c.rule_severity(ids::kCosmetic, Severity::low), change.what + " (whitespace only)");
    return;
  }
  std::map<std::string, Severity> severities;
  auto before = rules_hit(engine, t.field, t.before, nullptr);
  auto after = rules_hit(engine, t.field, t.after, &severities);
  std::string tripped;
  Severity worst = c.rule_severity(ids::kTextInstruction, Severity::high);
  for (const auto& id : after)
    if (!before.count(id)) {
      tripped += (tripped.empty() ? "" : ", ") + id;
      worst = std::max(worst, severities[id]);
    }
  if (!tripped.empty()) {
    c.add(ids::kTextInstruction, worst, change.what + ", and the new text trips " + tripped + ": " + diff);
    return;
  }
  if (std::string s = instruction_sentence(find_rule(c.rules, ids::kTextInstruction), t); !s.empty()) {
    c.add(ids::kTextInstruction, c.rule_severity(ids::kTextInstruction, Severity::high),
          change.what + ", adding an instruction to the model ('" + mcp::escape_for_message(s, 160) + "'): " + diff);
    return;
  }
  if (t.of_new_entry) return;
  if (typo_level_edit(t.before, t.after)) {
    c.add(ids::kCosmetic, c.rule_severity(ids::kCosmetic, Severity::low), change.what + " (typo-level edit): " + diff);
    return;
  }
  c.add(ids::kTextReworded, c.rule_severity(ids::kTextReworded, Severity::medium), change.what + ": " + diff);
}

}  // namespace

std::vector<Verdict> judge_item(ItemKind kind, const json& before, const json& after, const std::vector<LockRule>& rules,
                                const rules::MetadataEngine& engine) {
  Collector c{rules, {}};
  if (before.is_null() && after.is_null()) return {};
  if (before.is_null()) {
    // A new tool is new power for the model; a new resource or prompt is new text at most.
    Severity s = kind == ItemKind::tool ? c.rule_severity(ids::kItemAdded, Severity::medium) : Severity::low;
    c.add(ids::kItemAdded, s, std::string(to_string(kind)) + " added");
  } else if (after.is_null()) {
    c.add(ids::kItemRemoved, c.rule_severity(ids::kItemRemoved, Severity::low), std::string(to_string(kind)) + " removed");
  } else {
    auto changes = diff_items(kind, before, after);
    for (const auto& ch : changes) {
      switch (ch.cls) {
        case ChangeClass::text: judge_text(c, ch, engine); break;
        case ChangeClass::widened: c.add(ids::kInputWidened, c.rule_severity(ids::kInputWidened, Severity::medium), ch.what); break;
        case ChangeClass::narrowed: c.add(ids::kInputNarrowed, c.rule_severity(ids::kInputNarrowed, Severity::low), ch.what); break;
        case ChangeClass::riskier_hint: c.add(ids::kHintChanged, c.rule_severity(ids::kHintChanged, Severity::high), ch.what); break;
        case ChangeClass::safer_hint: c.add(ids::kHintChanged, Severity::low, ch.what); break;
        case ChangeClass::cosmetic: c.add(ids::kCosmetic, c.rule_severity(ids::kCosmetic, Severity::low), ch.what); break;
      }
    }
    // Different hashes with no change the differ can name (a re-encoding it does not model)
    // must still be reported: the pin is on the bytes' meaning, and silence would hide it.
    if (changes.empty() && before != after)
      c.add(ids::kCosmetic, c.rule_severity(ids::kCosmetic, Severity::low), "declaration re-encoded");
  }
  std::vector<Verdict> out;
  for (auto& [id, v] : c.by_rule) out.push_back(std::move(v));
  return out;
}

std::vector<LockExampleOutcome> run_lock_rule_examples(const std::vector<LockRule>& rules,
                                                       const rules::MetadataEngine& engine) {
  std::vector<LockExampleOutcome> out;
  for (const auto& r : rules)
    for (const auto& ex : r.examples) {
      auto norm = [&ex](const json& j) -> json {
        if (j.is_null()) return nullptr;
        auto item = item_from_declared(ex.kind, j);
        return item ? item->declared : json(nullptr);
      };
      std::string produced;
      bool hit = false;
      for (const auto& v : judge_item(ex.kind, norm(ex.before), norm(ex.after), rules, engine)) {
        produced += (produced.empty() ? "" : " ") + v.rule_id;
        hit = hit || v.rule_id == r.info.id;
      }
      out.push_back({&r, &ex, hit == ex.should_match, produced.empty() ? "no finding" : produced});
    }
  return out;
}

}  // namespace assay::lock
