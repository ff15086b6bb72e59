// The tree-sitter front end: compiled-in grammars, ABI check, bounded parsing.
#include "scanner/code/parse.h"

#include <algorithm>
#include <chrono>
#include <string>
#include <utility>

#include "scanner/model/error.h"

extern "C" {
const TSLanguage* tree_sitter_python(void);
const TSLanguage* tree_sitter_javascript(void);
const TSLanguage* tree_sitter_typescript(void);
const TSLanguage* tree_sitter_tsx(void);
const TSLanguage* tree_sitter_go(void);
const TSLanguage* tree_sitter_json(void);
}

namespace assay::code {
namespace {

// A hostile file must not hang the scan: a parse gets this much wall time.
constexpr std::chrono::seconds kParseBudget{20};

struct ParseDeadline {
  std::chrono::steady_clock::time_point until;
};

bool past_deadline(TSParseState* state) {
  auto* deadline = static_cast<ParseDeadline*>(state->payload);
  return std::chrono::steady_clock::now() > deadline->until;  // true = cancel
}

const char* read_buffer(void* payload, uint32_t byte, TSPoint, uint32_t* bytes_read) {
  auto* text = static_cast<const std::string*>(payload);
  if (byte >= text->size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(text->size() - byte);
  return text->data() + byte;
}

// One parser per thread, reused across files: creating one costs more than a small parse.
TSParser* thread_parser() {
  struct Owner {
    TSParser* parser = ts_parser_new();
    ~Owner() { ts_parser_delete(parser); }
  };
  thread_local Owner owner;
  return owner.parser;
}

int code_points(std::string_view bytes) {
  int n = 0;
  for (unsigned char c : bytes) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

const TSLanguage* grammar(Language language) {
  switch (language) {
    case Language::python: return tree_sitter_python();
    case Language::javascript: return tree_sitter_javascript();
    case Language::typescript: return tree_sitter_typescript();
    case Language::tsx: return tree_sitter_tsx();
    case Language::go: return tree_sitter_go();
    case Language::json: return tree_sitter_json();
    case Language::c:
    case Language::cpp: return nullptr;
  }
  return nullptr;
}

void check_grammar_abi() {
  static const bool checked = [] {
    for (Language l : {Language::python, Language::javascript, Language::typescript,
                       Language::tsx, Language::go, Language::json}) {
      uint32_t abi = ts_language_abi_version(grammar(l));
      if (abi < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION || abi > TREE_SITTER_LANGUAGE_VERSION)
        throw input_error(std::string("tree-sitter grammar for ") + to_string(l) + " has ABI " +
                          std::to_string(abi) + "; the runtime loads " +
                          std::to_string(TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION) + " to " +
                          std::to_string(TREE_SITTER_LANGUAGE_VERSION));
    }
    return true;
  }();
  (void)checked;
}

ParsedFile::ParsedFile(SourceFile file, TSTree* tree) : file_(std::move(file)), tree_(tree) {}
ParsedFile::~ParsedFile() {
  if (tree_) ts_tree_delete(tree_);
}
ParsedFile::ParsedFile(ParsedFile&& other) noexcept
    : file_(std::move(other.file_)), tree_(std::exchange(other.tree_, nullptr)) {}
ParsedFile& ParsedFile::operator=(ParsedFile&& other) noexcept {
  if (this != &other) {
    if (tree_) ts_tree_delete(tree_);
    file_ = std::move(other.file_);
    tree_ = std::exchange(other.tree_, nullptr);
  }
  return *this;
}

std::string_view ParsedFile::text(TSNode node) const {
  if (ts_node_is_null(node)) return {};
  uint32_t start = std::min<uint32_t>(ts_node_start_byte(node), file_.text.size());
  uint32_t end = std::min<uint32_t>(ts_node_end_byte(node), file_.text.size());
  return std::string_view(file_.text).substr(start, end > start ? end - start : 0);
}

PhysicalLocation ParsedFile::location(TSNode node) const {
  PhysicalLocation loc;
  loc.file = file_.path;
  if (ts_node_is_null(node)) return loc;
  TSPoint start = ts_node_start_point(node), end = ts_node_end_point(node);
  uint32_t start_byte = ts_node_start_byte(node), end_byte = ts_node_end_byte(node);
  std::string_view all(file_.text);
  loc.start_line = static_cast<int>(start.row) + 1;
  loc.end_line = static_cast<int>(end.row) + 1;
  loc.start_column = code_points(all.substr(start_byte - start.column, start.column)) + 1;
  loc.end_column = code_points(all.substr(end_byte - end.column, end.column)) + 1;
  return loc;
}

int ParsedFile::line_of(uint32_t byte) const {
  std::string_view all(file_.text);
  byte = std::min<uint32_t>(byte, all.size());
  return static_cast<int>(std::count(all.begin(), all.begin() + byte, '\n')) + 1;
}

int ParsedFile::column_of(uint32_t byte) const {
  std::string_view all(file_.text);
  byte = std::min<uint32_t>(byte, all.size());
  auto line_start = all.rfind('\n', byte == 0 ? std::string_view::npos : byte - 1);
  line_start = (line_start == std::string_view::npos || byte == 0) ? 0 : line_start + 1;
  return code_points(all.substr(line_start, byte - line_start)) + 1;
}

ParsedFile parse(SourceFile file) {
  const TSLanguage* language = grammar(file.language);
  if (!language)
    throw input_error(file.path + ": " + to_string(file.language) + " is not parsed by tree-sitter");
  if (file.text.size() > UINT32_MAX / 2) throw input_error(file.path + ": too large to parse");
  TSParser* parser = thread_parser();
  if (!ts_parser_set_language(parser, language))
    throw input_error(std::string("tree-sitter refused the ") + to_string(file.language) + " grammar");
  ParseDeadline deadline{std::chrono::steady_clock::now() + kParseBudget};
  TSInput input{&file.text, read_buffer, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{&deadline, past_deadline};
  TSTree* tree = ts_parser_parse_with_options(parser, nullptr, input, options);
  if (!tree) {
    ts_parser_reset(parser);
    throw input_error(file.path + ": parse did not finish within " +
                      std::to_string(kParseBudget.count()) + " s");
  }
  return ParsedFile(std::move(file), tree);
}

}  // namespace assay::code
