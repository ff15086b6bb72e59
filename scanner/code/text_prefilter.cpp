// Two stages per file. RE2's FilteredRE2 reduces each regex to literal pieces ("atoms") that any
// match contains; one RE2::Set pass of those literals over the lowercased text says which
// regexes could match. Those are then searched for in the text itself, each stopping at its
// first match. (One RE2::Set of the regexes themselves was measured slower: its automaton
// keeps outgrowing its cache.) If anything cannot be built, every condition is taken to hold:
// the filter only ever saves work.
#include "scanner/code/text_prefilter.h"

#include <algorithm>

namespace assay::code {
namespace {

constexpr int kMinAtomLength = 3;
// Counted repetitions like [A-Za-z0-9]{400,} make programs huge while requiring no particular
// text: such a regex is not worth searching the whole file for.
constexpr int kMaxProgramSize = 2000;

bool ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

RE2::Options quiet() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

}  // namespace

std::string relaxed_for_search(std::string_view regex) {
  std::string out;
  bool in_class = false;
  for (size_t i = 0; i < regex.size(); ++i) {
    char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      char next = regex[i + 1];
      if (!in_class && (next == 'A' || next == 'z' || next == 'b' || next == 'B')) {
        ++i;
        continue;
      }
      out += c;
      out += next;
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a member, not the end.
      if (i + 1 < regex.size() && regex[i + 1] == '^') out += regex[++i];
      if (i + 1 < regex.size() && regex[i + 1] == ']') out += regex[++i];
      continue;
    }
    if (c == '^' || c == '$') continue;
    if (c == '{') {
      // {n,m} -> {min(n,32),}: a run of n is also a run of fewer, and an unbounded tail keeps
      // the program small where {400,} would unroll four hundred copies.
      size_t close = regex.find('}', i);
      std::string_view inside = close == std::string_view::npos ? std::string_view{} : regex.substr(i + 1, close - i - 1);
      size_t comma = inside.find(',');
      std::string_view low = inside.substr(0, comma);
      bool counted = !low.empty() && low.size() <= 6 &&
                     std::all_of(low.begin(), low.end(), [](char d) { return d >= '0' && d <= '9'; }) &&
                     (comma == std::string_view::npos ||
                      std::all_of(inside.begin() + static_cast<long>(comma) + 1, inside.end(),
                                  [](char d) { return d >= '0' && d <= '9'; }));
      if (counted) {
        int n = std::min(std::stoi(std::string(low)), 32);
        out += "{" + std::to_string(n) + (comma == std::string_view::npos && n == std::stoi(std::string(low)) ? "}" : ",}");
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

TextPrefilter::TextPrefilter() : filter_(kMinAtomLength) {}
TextPrefilter::~TextPrefilter() = default;

size_t TextPrefilter::add(const std::vector<std::string>& all_of) {
  Condition c;
  for (const auto& original : all_of) {
    if (original.find("\\Q") != std::string::npos) continue;  // a quoted ^ or $ is text: leave it alone
    std::string pattern = relaxed_for_search(original);
    auto known = std::find(patterns_.begin(), patterns_.end(), pattern);
    if (known != patterns_.end()) {
      c.regexes.push_back(static_cast<int>(known - patterns_.begin()));
      continue;
    }
    RE2 re(pattern, quiet());
    if (!re.ok() || re.ProgramSize() > kMaxProgramSize) continue;  // demands nothing we check
    int id = -1;
    if (filter_.Add(pattern, quiet(), &id) != RE2::NoError || id != static_cast<int>(patterns_.size())) continue;
    patterns_.push_back(pattern);
    c.regexes.push_back(id);
  }
  // Dropping a regex only weakens a condition; with none left it always holds.
  c.always = c.regexes.empty();
  conditions_.push_back(std::move(c));
  return conditions_.size() - 1;
}

void TextPrefilter::compile() {
  if (patterns_.empty()) return;
  std::vector<std::string> atoms;
  filter_.Compile(&atoms);
  RE2::Options options = quiet();
  options.set_max_mem(32 << 20);
  atoms_ = std::make_unique<re2::RE2::Set>(options, RE2::UNANCHORED);
  for (size_t i = 0; i < atoms.size(); ++i) {
    // Atoms come lowercased and only ASCII is lowercased here.
    if (!ascii(atoms[i])) always_atoms_.push_back(static_cast<int>(i));
    std::string error;
    if (atoms_->Add(RE2::QuoteMeta(atoms[i]), &error) != static_cast<int>(i)) return;
  }
  usable_ = atoms.empty() || atoms_->Compile();
}

std::vector<bool> TextPrefilter::possible(std::string_view text) const {
  std::vector<bool> out(conditions_.size(), true);
  if (!usable_) return out;
  std::vector<int> found;
  if (atoms_ && !always_atoms_.empty()) found = always_atoms_;
  if (atoms_) {
    std::string lowered(text);
    for (char& ch : lowered)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    std::vector<int> present;
    re2::RE2::Set::ErrorInfo error{};
    if (!atoms_->Match(lowered, &present, &error) && error.kind != re2::RE2::Set::kNoError) return out;
    found.insert(found.end(), present.begin(), present.end());
  }
  std::vector<int> potential;
  filter_.AllPotentials(found, &potential);
  // 0: ruled out, 1: may match (not searched yet), 2: matches, 3: searched, no match.
  std::vector<char> state(patterns_.size(), 0);
  for (int id : potential)
    if (id >= 0 && static_cast<size_t>(id) < state.size()) state[static_cast<size_t>(id)] = 1;
  auto matches = [&](int id) {
    char& s = state[static_cast<size_t>(id)];
    if (s == 1) s = RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), filter_.GetRE2(id)) ? 2 : 3;
    return s == 2;
  };
  for (size_t i = 0; i < conditions_.size(); ++i) {
    const Condition& c = conditions_[i];
    if (c.always) continue;
    out[i] = std::all_of(c.regexes.begin(), c.regexes.end(), matches);
  }
  return out;
}

}  // namespace assay::code

namespace assay::code {

bool TextPrefilter::spans(std::string_view text, size_t condition, size_t limit, std::vector<Span>& out) const {
  if (!usable_ || condition >= conditions_.size()) return false;
  const Condition& c = conditions_[condition];
  if (c.always || c.regexes.empty()) return false;
  const RE2& re = filter_.GetRE2(c.regexes.front());
  re2::StringPiece all(text.data(), text.size());
  size_t found = 0;
  for (size_t at = 0; at <= text.size();) {
    re2::StringPiece m;
    if (!re.Match(all, at, text.size(), RE2::UNANCHORED, &m, 1)) break;
    if (m.empty()) return false;
    if (++found > limit) return false;
    size_t start = static_cast<size_t>(m.data() - text.data());
    out.push_back(Span{static_cast<uint32_t>(start), static_cast<uint32_t>(start + m.size())});
    at = start + m.size();
  }
  return true;
}

}  // namespace assay::code
