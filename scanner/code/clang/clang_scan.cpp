// Runs the Clang engine for scan_c_family and turns what it reports into findings and
// extracted servers, in the scanner's terms (paths relative to the root, code-point columns).
#include "scanner/code/clang/clang_scan.h"

#include <filesystem>
#include <map>

#include "scanner/code/clang/clang_rule_spec.h"
#include "scanner/code/clang/engine/engine_api.h"

namespace assay::code {
namespace {

namespace fs = std::filesystem;
using clang_engine::SourceSpan;

bool is_translation_unit(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  return ext == ".c" || ext == ".cc" || ext == ".cpp" || ext == ".cxx" || ext == ".c++" || ext == ".C";
}

std::string canonical(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

// 1-based byte column on `line` -> 1-based code-point column.
int code_point_column(const std::string& text, int line, int byte_column) {
  if (line <= 0 || byte_column <= 0) return byte_column;
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    start = text.find('\n', start);
    if (start == std::string::npos) return byte_column;
    ++start;
  }
  int column = 1;
  for (std::size_t i = start; i < text.size() && i < start + static_cast<std::size_t>(byte_column - 1); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

class FileTable {
 public:
  explicit FileTable(const std::vector<SourceFile>& files) {
    for (const SourceFile& f : files) by_real_path_[canonical(f.abs_path)] = &f;
  }
  const SourceFile* find(const std::string& real_path) const {
    auto it = by_real_path_.find(real_path);
    return it == by_real_path_.end() ? nullptr : it->second;
  }
  PhysicalLocation location(const SourceSpan& span) const {
    PhysicalLocation loc;
    const SourceFile* file = find(span.file);
    loc.file = file ? file->path : span.file;
    loc.start_line = span.line;
    loc.end_line = span.end_line;
    loc.start_column = file ? code_point_column(file->text, span.line, span.column) : span.column;
    loc.end_column = file ? code_point_column(file->text, span.end_line, span.end_column) : span.end_column;
    return loc;
  }

 private:
  std::map<std::string, const SourceFile*> by_real_path_;
};

Finding finding_from_event(const ClangRule& rule, const clang_engine::SinkEvent& event,
                           const FileTable& table, const std::string& server) {
  const CodeRule& r = *rule.rule;
  Finding f;
  f.rule_id = r.id;
  f.rule_name = r.name;
  f.severity = r.severity;
  f.confidence = r.confidence;
  f.server = server;
  Location loc;
  loc.physical = table.location(event.span);
  loc.logical = event.tool.empty() ? loc.physical.file + ":" + event.function : event.tool;
  f.locations.push_back(loc);
  f.evidence = event.evidence;
  f.message = render_message(r.message, [&](std::string_view name) -> std::optional<std::string> {
    if (name == "source") return event.source;
    if (name == "sink_name" || name == "sink") return event.sink_name;
    if (name == "value") return event.value;
    if (name == "function") return event.function;
    if (name == "tool") {
      return event.tool.empty() ? "handler `" + event.function + "`" : "tool `" + event.tool + "`";
    }
    return std::nullopt;
  });
  f.fingerprint = compute_fingerprint(f);
  return f;
}

// One server per file that declares tools, as the tree-sitter extractor does: a tree often
// holds a vulnerable and a fixed variant of the same server, whose tool names must not collide.
ExtractedServer server_from_tools(const std::vector<const clang_engine::ToolDecl*>& tools,
                                  const FileTable& table, const std::string& server_name) {
  ExtractedServer server;
  server.inventory.server.name = server_name;
  for (const clang_engine::ToolDecl* tool_decl : tools) {
    const clang_engine::ToolDecl& decl = *tool_decl;
    std::size_t index = server.inventory.tools.size();
    std::string logical = server_name + "/tools/" + decl.name;
    std::string pointer = "/tools/" + std::to_string(index);
    auto record = [&](const std::string& suffix, const SourceSpan& span) {
      if (span.file.empty()) return;
      PhysicalLocation loc = table.location(span);
      server.field_locations[logical + suffix] = loc;
      server.pointer_locations[pointer + suffix] = loc;
    };
    Tool tool;
    tool.name = decl.name;
    tool.description = decl.description;
    tool.source_pointer = pointer;
    nlohmann::json properties = nlohmann::json::object();
    nlohmann::json required = nlohmann::json::array();
    ExtractedTool extracted;
    extracted.name = decl.name;
    extracted.name_loc = table.location(decl.name_span);
    extracted.handler_name = decl.handler;
    extracted.handler_file = extracted.name_loc.file;
    for (const clang_engine::ParamDecl& p : decl.params) {
      nlohmann::json schema = {{"type", p.type}};
      if (!p.description.empty()) schema["description"] = p.description;
      properties[p.name] = schema;
      if (p.required) required.push_back(p.name);
      extracted.parameters.push_back(p.name);
      record("/inputSchema/properties/" + p.name + "/description", p.description_span);
    }
    tool.input_schema = {{"type", "object"}, {"properties", properties}};
    if (!required.empty()) tool.input_schema["required"] = required;
    record("/name", decl.name_span);
    if (decl.description_is_literal) {
      record("/description", decl.description_span);
    } else if (!decl.description_span.file.empty()) {
      RuntimeDescription runtime;
      runtime.tool = decl.name;
      runtime.field = logical + "/description";
      runtime.where = table.location(decl.description_span);
      runtime.file = runtime.where.file;
      server.runtime_descriptions.push_back(runtime);
    }
    if (server.file.empty()) server.file = extracted.name_loc.file;
    server.inventory.tools.push_back(std::move(tool));
    server.tools.push_back(std::move(extracted));
  }
  return server;
}

}  // namespace

ClangScanResult scan_c_family(const std::vector<SourceFile>& files, const std::string& root,
                              const std::vector<const CodeRule*>& rules,
                              const ClangScanOptions& options) {
  ClangScanResult result;
  std::vector<ClangRule> clang_rules;
  for (const CodeRule* rule : rules) {
    if (rule && !rule->clang.is_null()) clang_rules.push_back(read_clang_rule(*rule));
    if (clang_rules.size() == 64) break;  // the engine's taint state has one bit per rule
  }

  clang_engine::EngineInput input;
  input.root = canonical(fs::absolute(root).string());
  input.time_budget_seconds = options.time_budget_seconds;
  std::vector<SourceFile> c_family;
  for (const SourceFile& f : files) {
    if (f.language != Language::c && f.language != Language::cpp) continue;
    c_family.push_back(f);
    input.analysed_files.push_back(f.abs_path);
    if (is_translation_unit(f.abs_path)) input.source_files.push_back(f.abs_path);
  }
  if (input.source_files.empty()) return result;
  for (const ClangRule& r : clang_rules) input.rules.push_back(r.spec);

  clang_engine::EngineOutput out = clang_engine::analyse_c_family(input);
  FileTable table(c_family);
  std::string server_name = out.server_name.empty() ? fs::path(input.root).filename().string()
                                                    : out.server_name;
  std::map<std::string, const ClangRule*> by_id;
  for (const ClangRule& r : clang_rules) by_id[r.spec.rule_id] = &r;
  for (const clang_engine::SinkEvent& event : out.events) {
    const ClangRule* rule = by_id[event.rule_id];
    if (!rule) continue;
    if (rule->spec.mode == clang_engine::RuleMode::constant && !rule->accepts_value(event.value)) {
      continue;
    }
    result.findings.push_back(finding_from_event(*rule, event, table, server_name));
  }
  std::map<std::string, std::vector<const clang_engine::ToolDecl*>> tools_by_file;
  for (const clang_engine::ToolDecl& decl : out.tools) tools_by_file[decl.name_span.file].push_back(&decl);
  for (const auto& [file, tools] : tools_by_file) {
    result.servers.push_back(server_from_tools(tools, table, server_name));
  }
  for (std::string& s : out.skipped) {
    // Report skipped files by their reported path, not the temporary absolute one.
    std::size_t colon = s.find(": ");
    if (colon != std::string::npos) {
      if (const SourceFile* f = table.find(canonical(s.substr(0, colon)))) {
        s = f->path + s.substr(colon);
      }
    }
    result.skipped.push_back(std::move(s));
  }
  result.translation_units = out.translation_units;
  return result;
}

}  // namespace assay::code
