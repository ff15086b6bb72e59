// A second, position-tracking pass over already-validated JSON: nlohmann's DOM keeps no positions.
#include "scanner/targets/json_locator.h"

#include "scanner/rules/metadata_field.h"

namespace assay::targets {
namespace {

class Walker {
 public:
  Walker(std::string_view text, int max_depth, std::unordered_map<std::string, JsonLocator::Span>& spans) : t_(text), max_depth_(max_depth), spans_(spans) {}

  void run() { value("", 0); }

 private:
  struct Pos {
    int line, column;
  };

  Pos here() const { return {line_, column_}; }

  void advance() {
    unsigned char c = static_cast<unsigned char>(t_[i_]);
    ++i_;
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;  // columns count code points: continuation bytes do not start one
    }
  }

  void skip_ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) advance();
  }

  // Keys are kept for the pointer; string values are only skipped, since a dump is mostly
  // descriptions and copying each one would double the pass's work for nothing.
  std::string string_token(bool keep) {
    std::string out;
    advance();  // opening quote
    while (i_ < t_.size() && t_[i_] != '"') {
      if (t_[i_] == '\\' && i_ + 1 < t_.size()) {
        advance();
        char e = t_[i_];
        if (keep && e == 'u') {
          // Keys with \u escapes are rare in tool dumps; keep the escape text as the key.
          out += "\\u";
        } else if (keep) {
          out += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e;
        }
        advance();
        continue;
      }
      if (keep) out += t_[i_];
      advance();
    }
    if (i_ < t_.size()) advance();  // closing quote
    return out;
  }

  void record(const std::string& pointer, Pos start, int depth) {
    if (depth <= max_depth_) spans_[pointer] = {start.line, start.column, line_, column_};
  }

  void value(const std::string& pointer, int depth) {
    skip_ws();
    if (i_ >= t_.size()) return;
    Pos start = here();
    char c = t_[i_];
    if (c == '{') {
      advance();
      for (;;) {
        skip_ws();
        if (i_ >= t_.size()) return;
        if (t_[i_] == '}') {
          advance();
          break;
        }
        if (t_[i_] == ',') {
          advance();
          continue;
        }
        std::string key = string_token(true);
        skip_ws();
        if (i_ < t_.size() && t_[i_] == ':') advance();
        value(depth < max_depth_ ? pointer + "/" + rules::pointer_escape(key) : pointer, depth + 1);
      }
    } else if (c == '[') {
      advance();
      size_t index = 0;
      for (;;) {
        skip_ws();
        if (i_ >= t_.size()) return;
        if (t_[i_] == ']') {
          advance();
          break;
        }
        if (t_[i_] == ',') {
          advance();
          continue;
        }
        value(depth < max_depth_ ? pointer + "/" + std::to_string(index) : pointer, depth + 1);
        ++index;
      }
    } else if (c == '"') {
      string_token(false);
    } else {
      while (i_ < t_.size() && t_[i_] != ',' && t_[i_] != '}' && t_[i_] != ']' && t_[i_] != ' ' &&
             t_[i_] != '\n' && t_[i_] != '\r' && t_[i_] != '\t')
        advance();
    }
    record(pointer, start, depth);
  }

  std::string_view t_;
  int max_depth_;
  std::unordered_map<std::string, JsonLocator::Span>& spans_;
  size_t i_ = 0;
  int line_ = 1, column_ = 1;
};

}  // namespace

JsonLocator::JsonLocator(std::string file, std::string_view text, int max_depth) : file_(std::move(file)) {
  Walker(text, max_depth, spans_).run();
}

PhysicalLocation JsonLocator::locate(const std::string& pointer) const {
  std::string p = pointer;
  for (;;) {
    auto it = spans_.find(p);
    if (it != spans_.end()) {
      const Span& s = it->second;
      return {file_, s.start_line, s.start_column, s.end_line, s.end_column};
    }
    if (p.empty()) break;
    p.resize(p.rfind('/'));
  }
  return {file_, 1, 1, 1, 2};
}

}  // namespace assay::targets
