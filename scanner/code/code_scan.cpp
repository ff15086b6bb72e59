// The static scan of one source tree or package tarball, from walk to findings.
#include "scanner/code/code_scan.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include "scanner/code/code_finding.h"
#include "scanner/code/extract/tool_extractor.h"
#include "scanner/code/parse.h"
#include "scanner/code/query_rule.h"
#include "scanner/code/source_walk.h"
#include "scanner/code/structural_batch.h"
#include "scanner/code/suppression.h"
#include "scanner/code/tarball.h"
#include "scanner/code/taint/dataflow.h"
#include "scanner/code/taint/file_facts.h"
#include "scanner/model/error.h"
#ifdef ASSAY_WITH_CLANG
#include "scanner/code/clang/clang_scan.h"
#endif

namespace fs = std::filesystem;

namespace assay::code {
namespace {

// Parsed trees cost ~10x their source in memory, and indexing one for tool extraction is a
// second walk over it: only files that look like MCP code keep their tree. Others keep their
// text (up to this much in all), in case a tool's handler turns out to be defined in one.
constexpr std::size_t kKeepSourceBytes = 64u << 20;

bool mentions_mcp(std::string_view text) {
  // Tool declarations name the SDK, its request schemas or a tool-registering call; a module
  // of tool definitions declares input schemas.
  static const RE2 kMarkers(
      R"((?i)modelcontextprotocol|mcp|ListTools|list_tools|registerTool|tools/call|inputSchema|input_schema|\.tool\s*\()");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kMarkers);
}

// What the extractors look for (scanner/code/extract/): a file without any of it declares no
// tool, and indexing it for extraction would be wasted.
bool may_declare_tools(std::string_view text) {
  static const RE2 kDeclarations(
      R"(\.tool\b|[Rr]egisterTool|[Aa]ddTool|ListToolsRequestSchema|CallToolRequestSchema|inputSchema|list_tools|call_tool|NewTool|\bTool\s*\()");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), kDeclarations);
}

bool mentions_word(std::string_view text, std::string_view word) {
  auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; };
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool starts = at == 0 || !is_word(text[at - 1]);
    bool ends = at + word.size() == text.size() || !is_word(text[at + word.size()]);
    if (starts && ends) return true;
  }
  return false;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// The name findings are filed under: the package's name, else the directory's.
std::string server_name_for(const fs::path& root, const std::string& target) {
  for (const fs::path& manifest : {root / "package.json", root / "package" / "package.json"}) {
    std::ifstream in(manifest);
    if (!in) continue;
    std::string text((std::istreambuf_iterator<char>(in)), {});
    if (text.size() > (1u << 20)) continue;
    auto json = nlohmann::json::parse(text, nullptr, false);
    if (json.is_object() && json.contains("name") && json["name"].is_string())
      return json["name"].get<std::string>();
  }
  fs::path p = fs::path(target).lexically_normal();
  std::string name = (p.has_filename() ? p.filename() : p.parent_path().filename()).string();
  for (std::string_view ext : {".tgz", ".tar.gz"})
    if (ends_with(name, ext)) name.resize(name.size() - ext.size());
  return name.empty() ? "." : name;
}

class ScanState {
 public:
  ScanState(const std::vector<CodeRule>& rules, const CodeScanOptions& options, const fs::path& root)
      : rules_(rules), options_(options), root_(root), structural_(rules), dataflow_patterns_(rules) {}

  void on_file(SourceFile&& file) {
    result.bytes_scanned += file.text.size();
    ++result.files_scanned;
    if (file.language == Language::c || file.language == Language::cpp) {
      c_family_.push_back(std::move(file));
      return;
    }
    std::optional<ParsedFile> parsed;
    try {
      parsed.emplace(parse(std::move(file)));
    } catch (const AssayError& e) {
      result.skipped.push_back(e.what());
      return;
    }
    const SourceFile& f = parsed->file();
    structural_.run(*parsed, result.findings);
    if (mentions_mcp(f.text)) {
      kept_.push_back(std::make_unique<ParsedFile>(std::move(*parsed)));
    } else if (other_bytes_ + f.text.size() <= kKeepSourceBytes) {
      other_bytes_ += f.text.size();
      SourceFile text_only = f;
      others_.push_back(std::move(text_only));
    }
  }

  void after_walk(const rules::MetadataEngine& metadata) {
    std::vector<const ParsedFile*> files;
    for (const auto& p : kept_)
      if (may_declare_tools(p->file().text)) files.push_back(p.get());
    std::vector<ExtractedServer> servers = extract_servers(files);
    link_handlers_elsewhere(servers);
    for (const auto& file : kept_) {
      // Dataflow starts at a tool's handler, and run-time descriptions sit where tools are
      // declared: a file with neither (most of a scan with dependencies) has nothing to trace.
      const std::string& path = file->file().path;
      std::vector<ExtractedTool> tools = tools_with_handler_in(servers, path);
      bool declares_tools = std::any_of(servers.begin(), servers.end(), [&](const ExtractedServer& s) { return s.file == path; });
      if (tools.empty() && !declares_tools) continue;
      std::optional<FileFacts> facts;
      for (const CodeRule& rule : rules_) {
        if (!rule.dataflow || !rule.applies_to(file->file().language) || !rule.applies_to_path(path))
          continue;
        if (!facts) facts.emplace(*file, &dataflow_patterns_);
        auto found = run_dataflow_rule(rule, *file, tools, &*facts);
        result.findings.insert(result.findings.end(), found.begin(), found.end());
      }
    }
#ifdef ASSAY_WITH_CLANG
    if (!c_family_.empty()) {
      std::vector<const CodeRule*> clang_rules;
      for (const CodeRule& rule : rules_)
        if (!rule.clang.is_null()) clang_rules.push_back(&rule);
      ClangScanResult c = scan_c_family(c_family_, root_.string(), clang_rules);
      result.findings.insert(result.findings.end(), c.findings.begin(), c.findings.end());
      result.skipped.insert(result.skipped.end(), c.skipped.begin(), c.skipped.end());
      servers.insert(servers.end(), std::make_move_iterator(c.servers.begin()),
                     std::make_move_iterator(c.servers.end()));
    }
#else
    for (const auto& f : c_family_)
      result.skipped.push_back(f.path + ": C/C++ analysis is not built in (ASSAY_WITH_CLANG=OFF)");
#endif
    for (auto& server : servers) scan_extracted(server, metadata);
  }

  // A handler registered by name may live in a module that declares no tool, or never even
  // mentions MCP (those are parsed now): such files are looked at when their text names one.
  void link_handlers_elsewhere(std::vector<ExtractedServer>& servers) {
    std::vector<std::string> names = unresolved_handlers(servers);
    if (names.empty()) return;
    auto named_in = [&](const std::string& text) {
      return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return mentions_word(text, n); });
    };
    std::vector<const ParsedFile*> candidates;
    for (const auto& p : kept_)
      if (!may_declare_tools(p->file().text) && named_in(p->file().text)) candidates.push_back(p.get());
    for (SourceFile& f : others_) {
      if (!named_in(f.text)) continue;
      try {
        kept_.push_back(std::make_unique<ParsedFile>(parse(f)));
        candidates.push_back(kept_.back().get());
      } catch (const AssayError&) {
        // It parsed once already; a second failure only loses the link.
      }
    }
    link_handlers(servers, candidates);
  }

  // Tool metadata declared in source goes through the same metadata rules as a live server's,
  // pointed at the string literal in the source file.
  void scan_extracted(ExtractedServer& server, const rules::MetadataEngine& metadata) {
    auto locate = [&](const std::string& pointer) {
      auto it = server.pointer_locations.find(pointer);
      if (it != server.pointer_locations.end()) return it->second;
      PhysicalLocation fallback;
      fallback.file = server.file;
      return fallback;
    };
    auto found = metadata.scan(server.inventory, locate);
    result.findings.insert(result.findings.end(), found.begin(), found.end());
    result.findings.insert(result.findings.end(), server.findings.begin(), server.findings.end());
    for (const auto& t : server.tools) result.tool_declarations.emplace_back(t.name, t.name_loc);
    result.extracted.push_back(std::move(server.inventory));
  }

  // Files are re-read for suppression comments only when a finding is in one we dropped.
  const std::string* text_of(const std::string& path) {
    for (const auto& p : kept_)
      if (p->file().path == path) return &p->file().text;
    for (const auto& f : c_family_)
      if (f.path == path) return &f.text;
    for (const auto& f : others_)
      if (f.path == path) return &f.text;
    auto cached = reread_.find(path);
    if (cached != reread_.end()) return &cached->second;
    std::ifstream in(root_ / path, std::ios::binary | std::ios::ate);
    if (!in) return nullptr;
    auto end = in.tellg();
    in.seekg(0);
    std::string text(std::min(options_.max_file_bytes, static_cast<std::size_t>(std::max<std::streamoff>(end, 0))), '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return &(reread_[path] = std::move(text));
  }

  void apply_suppressions(const std::string& server) {
    std::vector<Finding> kept;
    for (Finding& f : result.findings) {
      f.server = server;
      f.fingerprint = compute_fingerprint(f);
      const PhysicalLocation* at = f.locations.empty() ? nullptr : &f.locations.front().physical;
      const std::string* text = at && !at->file.empty() && at->start_line > 0 ? text_of(at->file) : nullptr;
      SuppressionCheck check;
      if (text) check = check_suppression(*text, at->start_line, f.rule_id);
      if (check.state == SuppressionState::suppressed && options_.honour_suppressions) {
        f.suppression_reason = check.suppression.reason;
        result.suppressed.push_back(std::move(f));
        continue;
      }
      if (check.state == SuppressionState::missing_reason)
        f.message += " (an inline ignore on line " + std::to_string(check.suppression.line) +
                     " has no reason, so it was not honoured)";
      kept.push_back(std::move(f));
    }
    result.findings = std::move(kept);
    sort_findings(result.findings);
    sort_findings(result.suppressed);
  }

  CodeScanResult result;

 private:
  const std::vector<CodeRule>& rules_;
  const CodeScanOptions& options_;
  fs::path root_;
  std::vector<std::unique_ptr<ParsedFile>> kept_;
  std::vector<SourceFile> c_family_;
  std::map<std::string, std::string> reread_;
  std::vector<SourceFile> others_;  // parsed, not MCP-looking: text only
  std::size_t other_bytes_ = 0;
  StructuralBatch structural_;
  DataflowPatterns dataflow_patterns_;
};

}  // namespace

bool is_source_target(const std::string& path) {
  std::error_code ec;
  if (ends_with(path, ".tgz") || ends_with(path, ".tar.gz")) return true;
  return fs::is_directory(path, ec);
}

CodeScanResult scan_source(const std::string& dir_or_tgz, const std::vector<CodeRule>& rules,
                           const rules::MetadataEngine& metadata, const CodeScanOptions& options) {
  check_grammar_abi();
  std::optional<UnpackedTarball> tarball;
  WalkOptions walk;
  walk.include_dependencies = options.include_dependencies;
  walk.max_file_bytes = options.max_file_bytes;
  walk.max_files = options.max_files;
  walk.exclude_paths = options.exclude_paths;
  std::string root = dir_or_tgz;
  std::error_code ec;
  if (!fs::is_directory(dir_or_tgz, ec)) {
    if (!fs::is_regular_file(dir_or_tgz, ec)) throw input_error(dir_or_tgz + ": no such file or directory");
    tarball.emplace(UnpackedTarball::unpack(dir_or_tgz));
    root = tarball->dir();
    // A published package ships its build output: that is the code that runs.
    walk.scan_build_output = true;
    walk.honour_gitignore = false;
  }
  ScanState state(rules, options, fs::path(root));
  state.result.root = dir_or_tgz;
  if (tarball) state.result.skipped = tarball->skipped();
  walk_sources(
      root, walk, [&](SourceFile&& f) { state.on_file(std::move(f)); },
      [&](std::string s) { state.result.skipped.push_back(std::move(s)); });
  state.after_walk(metadata);
  state.result.server = server_name_for(fs::path(root), dir_or_tgz);
  state.apply_suppressions(state.result.server);
  return std::move(state.result);
}

}  // namespace assay::code
