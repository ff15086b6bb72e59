// A tiny ECMAScript-regex parser and a generator over its tree, checked with RE2.
#include "scanner/fuzz/regex_sample.h"

#include <memory>
#include <vector>

#include "scanner/fuzz/ecma_pattern.h"
#include "scanner/fuzz/schema_validator.h"

namespace assay::fuzz {
namespace {

using Ranges = std::vector<std::pair<char32_t, char32_t>>;
constexpr int kUnbounded = -1;

struct Node {
  enum Kind { chars, sequence, alternation, repeat } kind = sequence;
  Ranges ranges;   // chars
  bool negated = false;
  std::vector<std::unique_ptr<Node>> children;
  int min = 1, max = 1;  // repeat
};

class Unsupported {};

class Parser {
 public:
  explicit Parser(const std::u32string& p) : p_(p) {}

  std::unique_ptr<Node> parse() {
    auto n = alternation();
    if (i_ != p_.size()) throw Unsupported();  // a stray ')'
    return n;
  }

 private:
  std::unique_ptr<Node> alternation() {
    auto alt = std::make_unique<Node>();
    alt->kind = Node::alternation;
    alt->children.push_back(sequence());
    while (i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      alt->children.push_back(sequence());
    }
    return alt;
  }

  std::unique_ptr<Node> sequence() {
    auto seq = std::make_unique<Node>();
    while (i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') {
      if (++steps_ > 10000) throw Unsupported();
      auto atom_node = atom();
      if (!atom_node) continue;  // an anchor: matches the empty string where we put it
      seq->children.push_back(quantified(std::move(atom_node)));
    }
    return seq;
  }

  std::unique_ptr<Node> quantified(std::unique_ptr<Node> a) {
    if (i_ >= p_.size()) return a;
    int min = -2, max = -2;
    char32_t c = p_[i_];
    if (c == '*') min = 0, max = kUnbounded, ++i_;
    else if (c == '+') min = 1, max = kUnbounded, ++i_;
    else if (c == '?') min = 0, max = 1, ++i_;
    else if (c == '{' && braces(min, max)) {}
    if (min == -2) return a;
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy: same language
    if (i_ < p_.size() && (p_[i_] == '*' || p_[i_] == '+' || p_[i_] == '?' || p_[i_] == '{')) {
      int m2, x2;
      size_t save = i_;
      if (p_[i_] != '{' || braces(m2, x2)) throw Unsupported();  // a nested quantifier
      i_ = save;
    }
    auto r = std::make_unique<Node>();
    r->kind = Node::repeat;
    r->min = min;
    r->max = max;
    r->children.push_back(std::move(a));
    return r;
  }

  // {n}, {n,}, {n,m}; anything else after '{' is a literal brace (ECMAScript's Annex B).
  bool braces(int& min, int& max) {
    size_t j = i_ + 1;
    auto number = [&](int& out) {
      size_t start = j;
      long v = 0;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9' && j - start < 6) v = v * 10 + (p_[j++] - '0');
      out = static_cast<int>(v);
      return j > start;
    };
    if (!number(min)) return false;
    max = min;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      if (!number(max)) max = kUnbounded;
    }
    if (j >= p_.size() || p_[j] != '}') return false;
    if (max != kUnbounded && max < min) throw Unsupported();
    i_ = j + 1;
    return true;
  }

  std::unique_ptr<Node> chars(Ranges r, bool negated = false) {
    auto n = std::make_unique<Node>();
    n->kind = Node::chars;
    n->ranges = std::move(r);
    n->negated = negated;
    return n;
  }

  std::unique_ptr<Node> atom() {
    char32_t c = p_[i_++];
    switch (c) {
      case '^':
      case '$':
        return nullptr;
      case '.':
        return chars({{'\n', '\n'}}, true);
      case '[':
        return char_class();
      case '(':
        return group();
      case '\\':
        return escape();
      case '*':
      case '+':
      case '?':
        throw Unsupported();  // a quantifier with nothing before it
      default:
        return chars({{c, c}});
    }
  }

  std::unique_ptr<Node> group() {
    if (i_ < p_.size() && p_[i_] == '?') {
      ++i_;
      if (i_ < p_.size() && p_[i_] == ':') {
        ++i_;
      } else if (i_ + 1 < p_.size() && (p_[i_] == '<' || (p_[i_] == 'P' && p_[i_ + 1] == '<')) && p_[i_ + 1] != '=' &&
                 p_[i_ + 1] != '!') {
        while (i_ < p_.size() && p_[i_] != '>') ++i_;
        ++i_;
      } else {
        throw Unsupported();  // look-around, flags
      }
    }
    auto inner = alternation();
    if (i_ >= p_.size() || p_[i_] != ')') throw Unsupported();
    ++i_;
    return inner;
  }

  static Ranges digits() { return {{'0', '9'}}; }
  static Ranges word() { return {{'a', 'z'}, {'A', 'Z'}, {'0', '9'}, {'_', '_'}}; }
  static Ranges space() { return {{' ', ' '}, {'\t', '\r'}}; }

  // Class escapes return their ranges and whether they are negated (\D \W \S).
  bool class_escape(char32_t c, Ranges& r, bool& negated) {
    negated = c == 'D' || c == 'W' || c == 'S';
    switch (c) {
      case 'd': case 'D': r = digits(); return true;
      case 'w': case 'W': r = word(); return true;
      case 's': case 'S': r = space(); return true;
      default: return false;
    }
  }

  char32_t hex(size_t digits_count) {
    char32_t v = 0;
    for (size_t k = 0; k < digits_count; ++k) {
      if (i_ >= p_.size() || !std::isxdigit(static_cast<int>(p_[i_] < 128 ? p_[i_] : 0))) throw Unsupported();
      char32_t d = p_[i_++];
      v = v * 16 + (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
    }
    return v;
  }

  char32_t escaped_literal(char32_t c) {
    switch (c) {
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return 0;
      case 'x': return hex(2);
      case 'u': return hex(4);
      default:
        if ((c >= '1' && c <= '9') || c == 'k' || c == 'p' || c == 'P' || c == 'c') throw Unsupported();
        return c;  // \. \/ \- \_ ...
    }
  }

  std::unique_ptr<Node> escape() {
    if (i_ >= p_.size()) throw Unsupported();
    char32_t c = p_[i_++];
    if (c == 'b' || c == 'B') return nullptr;  // word boundaries: RE2 checks the result
    Ranges r;
    bool negated;
    if (class_escape(c, r, negated)) return chars(r, negated);
    char32_t lit = escaped_literal(c);
    return chars({{lit, lit}});
  }

  std::unique_ptr<Node> char_class() {
    bool negated = i_ < p_.size() && p_[i_] == '^';
    if (negated) ++i_;
    Ranges r;
    bool first = true;
    while (i_ < p_.size() && (p_[i_] != ']' || first)) {
      first = false;
      char32_t lo = p_[i_++];
      if (lo == '\\') {
        if (i_ >= p_.size()) throw Unsupported();
        char32_t c = p_[i_++];
        Ranges sub;
        bool sub_negated;
        if (class_escape(c, sub, sub_negated)) {
          if (sub_negated) throw Unsupported();  // [^\D] and friends: rare, not worth the algebra
          r.insert(r.end(), sub.begin(), sub.end());
          continue;
        }
        lo = c == 'b' ? U'\b' : escaped_literal(c);
      }
      char32_t hi = lo;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        hi = p_[i_++];
        if (hi == '\\') {
          if (i_ >= p_.size()) throw Unsupported();
          hi = escaped_literal(p_[i_++]);
        }
        if (hi < lo) throw Unsupported();
      }
      r.push_back({lo, hi});
    }
    if (i_ >= p_.size()) throw Unsupported();
    ++i_;  // ']'
    return chars(r, negated);
  }

  const std::u32string& p_;
  size_t i_ = 0;
  int steps_ = 0;
};

bool in_ranges(const Ranges& r, char32_t c) {
  for (const auto& [lo, hi] : r)
    if (c >= lo && c <= hi) return true;
  return false;
}

// Readable characters first, so values look like what a person would type.
const std::u32string kPreferred = U"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. /:@";

std::optional<char32_t> pick(const Node& n, int salt) {
  std::vector<char32_t> options;
  for (char32_t c : kPreferred)
    if (in_ranges(n.ranges, c) != n.negated) options.push_back(c);
  if (options.empty() && !n.negated)
    for (const auto& [lo, hi] : n.ranges)
      if (hi >= 0x20) {
        options.push_back(std::max<char32_t>(lo, 0x20));
        break;
      }
  if (options.empty() && !n.negated && !n.ranges.empty()) options.push_back(n.ranges.front().first);
  if (options.empty()) return std::nullopt;
  return options[static_cast<size_t>(salt) % options.size()];
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// `extra` repetitions beyond each quantifier's minimum: 0 gives the shortest string, larger
// values grow it toward a minLength.
bool generate(const Node& n, int extra, int salt, std::string& out, size_t cap) {
  if (out.size() > cap) return false;
  switch (n.kind) {
    case Node::chars: {
      auto c = pick(n, salt);
      if (!c) return false;
      append_utf8(out, *c);
      return true;
    }
    case Node::sequence:
      for (const auto& child : n.children)
        if (!generate(*child, extra, salt, out, cap)) return false;
      return true;
    case Node::alternation: {
      size_t count = n.children.size();
      for (size_t k = 0; k < count; ++k) {
        std::string attempt = out;
        if (generate(*n.children[(k + static_cast<size_t>(salt)) % count], extra, salt, attempt, cap)) {
          out = std::move(attempt);
          return true;
        }
      }
      return false;
    }
    case Node::repeat: {
      long times = n.min + (n.max == kUnbounded ? extra : std::min(extra, n.max - n.min));
      for (long k = 0; k < times; ++k)
        if (!generate(*n.children.front(), extra, salt + static_cast<int>(k), out, cap)) return false;
      return true;
    }
  }
  return false;
}

std::optional<std::u32string> decode_utf8(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    char32_t v = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) v = (v << 6) | (s[i + k] & 0x3F);
    out += v;
    i += len;
  }
  return out;
}

}  // namespace

std::optional<std::string> sample_matching(const std::string& pattern, LengthBounds length, int salt) {
  if (pattern.size() > 4096) return std::nullopt;
  auto code = decode_utf8(pattern);
  if (!code) return std::nullopt;
  std::unique_ptr<Node> tree;
  try {
    tree = Parser(*code).parse();
  } catch (const Unsupported&) {
    return std::nullopt;
  }
  PatternCache cache;
  if (!cache.get(pattern)) return std::nullopt;
  size_t cap = std::min<size_t>(length.max, 64 * 1024) * 4 + 4;
  for (int extra : {0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64, 128, 256}) {
    std::string s;
    if (!generate(*tree, extra, salt, s, cap)) continue;
    // JSON Schema patterns are not anchored: padding can reach a minLength the tree cannot.
    for (const std::string& candidate : {s, s + std::string(length.min > code_points(s) ? length.min - code_points(s) : 0, 'a'),
                                         std::string(length.min > code_points(s) ? length.min - code_points(s) : 0, 'a') + s}) {
      size_t n = code_points(candidate);
      if (n >= length.min && n <= length.max && cache.search(pattern, candidate) == true) return candidate;
    }
    if (code_points(s) > length.max) break;
  }
  return std::nullopt;
}

}  // namespace assay::fuzz
