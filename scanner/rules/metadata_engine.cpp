// The metadata rule engine. Scanned text is attacker-written, so matching is RE2 (linear time).
// Cost must grow slowly with the rule count: RE2's FilteredRE2 extracts the literal atoms each
// pattern needs, an Aho-Corasick automaton finds those literals in a single pass, and only the
// patterns whose atoms are present run. (Measured on the benign corpus: an RE2::Set of the full
// patterns was 20x slower, bounded gaps like .{0,60} blow up its DFA; an RE2::Set of the atoms
// ran at ~20 MB/s.)
#include "scanner/rules/metadata_engine.h"

#include <re2/re2.h>
#include <re2/filtered_re2.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <map>

#include "scanner/model/error.h"
#include "scanner/rules/atom_matcher.h"
#include "scanner/rules/builtin_checks.h"
#include "scanner/text/decode.h"
#include "scanner/text/invisible.h"
#include "scanner/text/normalize.h"

namespace assay::rules {
namespace {

RE2::Options regex_options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_case_sensitive(false);
  o.set_max_mem(64 << 20);
  return o;
}

constexpr size_t kMaxEvidence = 240;

std::string clip(std::string s) {
  if (s.size() <= kMaxEvidence) return s;
  size_t cut = kMaxEvidence;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  s.resize(cut);
  return s + "…";
}

}  // namespace

struct MetadataEngine::Compiled {
  struct Pattern {
    size_t rule;
    const RulePattern* source;
    std::unique_ptr<RE2> main;
    std::vector<std::unique_ptr<RE2>> requires_all, unless;
  };
  std::vector<Pattern> patterns;               // index = FilteredRE2 id
  std::vector<std::vector<std::unique_ptr<RE2>>> rule_unless;  // by rule
  std::vector<std::array<bool, kFieldKindCount>> applies;      // by rule
  re2::FilteredRE2 filter{3};
  std::unique_ptr<AtomMatcher> atoms;  // literal atoms the filter needs, found in one pass

  // Indices of the patterns worth running on `normalized` text.
  std::vector<int> candidates(const std::string& normalized) const {
    std::vector<int> potential;
    if (patterns.empty()) return potential;
    filter.AllPotentials(atoms->find(normalized), &potential);
    return potential;
  }
};

MetadataEngine::MetadataEngine(std::vector<MetadataRule> rules)
    : rules_(std::move(rules)), compiled_(std::make_unique<Compiled>()) {
  auto& c = *compiled_;
  auto compile = [](const std::string& re) { return std::make_unique<RE2>(re, regex_options()); };
  for (size_t r = 0; r < rules_.size(); ++r) {
    const MetadataRule& rule = rules_[r];
    std::array<bool, kFieldKindCount> applies{};
    for (auto k : rule.fields) applies[static_cast<int>(k)] = true;
    c.applies.push_back(applies);
    c.rule_unless.emplace_back();
    for (const auto& u : rule.unless) c.rule_unless.back().push_back(compile(u));
    for (const auto& p : rule.patterns) {
      int id = -1;
      if (c.filter.Add(p.regex, regex_options(), &id) != RE2::NoError || id != static_cast<int>(c.patterns.size()))
        throw input_error(rule.file + ":" + std::to_string(p.line) + ": pattern '" + p.id + "' does not compile");
      Compiled::Pattern cp{r, &p, compile(p.regex), {}, {}};
      for (const auto& re : p.requires_all) cp.requires_all.push_back(compile(re));
      for (const auto& re : p.unless) cp.unless.push_back(compile(re));
      c.patterns.push_back(std::move(cp));
    }
  }
  if (c.patterns.empty()) return;
  std::vector<std::string> atoms;
  c.filter.Compile(&atoms);
  c.atoms = std::make_unique<AtomMatcher>(atoms);
}

MetadataEngine::~MetadataEngine() = default;
MetadataEngine::MetadataEngine(MetadataEngine&&) noexcept = default;
MetadataEngine& MetadataEngine::operator=(MetadataEngine&&) noexcept = default;

namespace {

bool any_matches(const std::vector<std::unique_ptr<RE2>>& res, std::string_view text) {
  return std::any_of(res.begin(), res.end(), [&](const auto& re) { return RE2::PartialMatch(text, *re); });
}

bool all_match(const std::vector<std::unique_ptr<RE2>>& res, std::string_view text) {
  return std::all_of(res.begin(), res.end(), [&](const auto& re) { return RE2::PartialMatch(text, *re); });
}

// Keeps the strongest hit per rule and encoding.
void keep_strongest(std::vector<RuleHit>& hits, RuleHit hit) {
  for (auto& h : hits) {
    if (h.rule == hit.rule && h.encoding == hit.encoding) {
      if (std::tie(hit.severity, hit.confidence) > std::tie(h.severity, h.confidence)) h = std::move(hit);
      return;
    }
  }
  hits.push_back(std::move(hit));
}

}  // namespace

std::vector<RuleHit> MetadataEngine::evaluate(FieldKind kind, std::string_view raw) const {
  const auto& c = *compiled_;
  std::vector<RuleHit> hits;
  const int k = static_cast<int>(kind);

  auto match_patterns = [&](std::string_view text, const std::string& encoding, const std::string& encoded,
                            bool decoded) {
    std::string normalized = text::normalize_for_matching(text);
    std::vector<int> which = c.candidates(normalized);
    std::sort(which.begin(), which.end());
    for (int i : which) {
      const auto& p = c.patterns[i];
      const MetadataRule& rule = rules_[p.rule];
      if (!c.applies[p.rule][k] || (decoded && !rule.scan_decoded)) continue;
      // Most candidates do not match; asking for the match span would make RE2 run a second,
      // reverse DFA every time, so the span is fetched only once a match is known.
      if (!RE2::PartialMatch(normalized, *p.main)) continue;
      re2::StringPiece m;
      p.main->Match(normalized, 0, normalized.size(), RE2::UNANCHORED, &m, 1);
      if (!all_match(p.requires_all, normalized) || any_matches(p.unless, normalized)) continue;
      if (any_matches(c.rule_unless[p.rule], normalized)) continue;
      RuleHit h{&rule, p.source->id, p.source->severity.value_or(rule.info.severity),
                p.source->confidence.value_or(rule.info.confidence), clip(std::string(m)), encoding,
                clip(encoded)};
      keep_strongest(hits, std::move(h));
    }
  };

  match_patterns(raw, "", "", false);

  std::vector<text::InvisibleRun> invisible;
  bool invisible_done = false;
  auto invisible_runs = [&]() -> const std::vector<text::InvisibleRun>& {
    if (!invisible_done) invisible = text::find_invisible(raw), invisible_done = true;
    return invisible;
  };
  for (const MetadataRule& rule : rules_) {
    if (rule.check == BuiltinCheck::none || !c.applies[&rule - rules_.data()][k]) continue;
    for (auto& seen : run_builtin_check(rule.check, raw, invisible_runs))
      keep_strongest(hits, {&rule, "", rule.info.severity, rule.info.confidence, clip(seen), "", ""});
  }

  // Hidden payloads: text smuggled in tag characters or encodings is decoded and matched again.
  for (const auto& run : invisible_runs())
    if (run.kind == text::InvisibleKind::tag_characters && !run.decoded.empty())
      match_patterns(run.decoded, "tag-characters", run.decoded, true);
  for (const auto& payload : text::decode_payloads(raw))
    match_patterns(payload.decoded, payload.encoding, payload.original, true);
  return hits;
}

std::string describe_field(const MetadataField& f) {
  auto q = [](const std::string& s) { return "'" + s + "'"; };
  switch (f.kind) {
    case FieldKind::server_name: return "the server name";
    case FieldKind::server_instructions: return "the server instructions";
    case FieldKind::tool_name: return "the name of tool " + q(f.tool);
    case FieldKind::tool_title: return "the title of tool " + q(f.tool);
    case FieldKind::tool_description: return "the description of tool " + q(f.tool);
    case FieldKind::param_name: return "the name of parameter " + q(f.param) + " of tool " + q(f.tool);
    case FieldKind::param_title:
    case FieldKind::param_description:
    case FieldKind::param_default:
    case FieldKind::param_enum:
    case FieldKind::param_examples: {
      std::string what(to_string(f.kind).substr(6));
      if (f.param.empty()) return "the input schema " + what + " of tool " + q(f.tool);
      return "the " + what + " of parameter " + q(f.param) + " of tool " + q(f.tool);
    }
    case FieldKind::prompt_name: return "the name of prompt " + q(f.tool);
    case FieldKind::prompt_title: return "the title of prompt " + q(f.tool);
    case FieldKind::prompt_description: return "the description of prompt " + q(f.tool);
    case FieldKind::prompt_argument_name: return "the name of argument " + q(f.param) + " of prompt " + q(f.tool);
    case FieldKind::prompt_argument_description:
      return "the description of argument " + q(f.param) + " of prompt " + q(f.tool);
    case FieldKind::resource_name: return "the name of resource " + q(f.tool);
    case FieldKind::resource_title: return "the title of resource " + q(f.tool);
    case FieldKind::resource_description: return "the description of resource " + q(f.tool);
    case FieldKind::resource_uri: return "the URI of resource " + q(f.tool);
    case FieldKind::template_name: return "the name of resource template " + q(f.tool);
    case FieldKind::template_title: return "the title of resource template " + q(f.tool);
    case FieldKind::template_description: return "the description of resource template " + q(f.tool);
    case FieldKind::template_uri: return "the URI template of resource template " + q(f.tool);
  }
  return "a field";
}

namespace {

std::string expand_message(const std::string& tmpl, const MetadataField& f, const RuleHit& h) {
  std::map<std::string, std::string> vars = {
      {"field", describe_field(f)}, {"match", h.match}, {"tool", f.tool}, {"param", f.param},
      {"encoding", h.encoding}};
  std::string out;
  for (size_t i = 0; i < tmpl.size(); ++i) {
    if (tmpl[i] == '{') {
      size_t close = tmpl.find('}', i);
      if (close != std::string::npos) {
        auto it = vars.find(tmpl.substr(i + 1, close - i - 1));
        if (it != vars.end()) {
          out += it->second;
          i = close;
          continue;
        }
      }
    }
    out += tmpl[i];
  }
  if (!h.encoding.empty()) out += " (found after decoding " + h.encoding + ")";
  return out;
}

}  // namespace

std::vector<Finding> MetadataEngine::scan(const Inventory& inventory, const PointerLocator& locate) const {
  std::vector<Finding> findings;
  for (const MetadataField& field : collect_fields(inventory)) {
    for (const RuleHit& hit : evaluate(field.kind, field.text)) {
      Finding f;
      f.rule_id = hit.rule->info.id;
      f.rule_name = hit.rule->info.name;
      f.severity = hit.severity;
      f.confidence = hit.confidence;
      f.message = expand_message(hit.rule->message, field, hit);
      f.evidence = hit.encoding.empty() ? hit.match
                                        : hit.encoding + " \"" + hit.encoded + "\" decodes to: " + hit.match;
      f.server = inventory.server.name;
      Location loc;
      loc.logical = field.logical;
      if (locate && !field.pointer.empty()) loc.physical = locate(field.pointer);
      f.locations.push_back(std::move(loc));
      f.fingerprint = compute_fingerprint(f);
      findings.push_back(std::move(f));
    }
  }
  return findings;
}

}  // namespace assay::rules
