// Runs the per-language tool extractors over a scan's files and links handlers across files.
#include "scanner/code/extract/tool_extractor.h"

#include <memory>

#include "scanner/code/extract/extract_go.h"
#include "scanner/code/extract/extract_javascript.h"
#include "scanner/code/extract/extract_python.h"
#include "scanner/code/extract/file_index.h"
#include "scanner/code/extract/server_builder.h"
#include "scanner/code/extract/syntax.h"

namespace assay::code {

namespace {

// A server that names itself nowhere in source is called after its file.
std::string default_server_name(const std::string& path) {
  std::string name = path;
  size_t slash = name.find_last_of('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  size_t dot = name.find('.');
  if (dot != std::string::npos && dot > 0) name = name.substr(0, dot);
  return name.empty() ? "server" : name;
}

void rename_unnamed(ExtractedServer& s) {
  if (!s.inventory.server.name.empty()) return;
  s.inventory.server.name = default_server_name(s.file);
  std::map<std::string, PhysicalLocation> renamed;
  for (auto& [key, loc] : s.field_locations) renamed[s.inventory.server.name + key] = loc;
  s.field_locations = std::move(renamed);
  for (auto& r : s.runtime_descriptions) r.field = s.inventory.server.name + r.field;
}

// Handlers registered by name but defined in another file (tools/foo.ts exports the handler).
void link_handlers_in(std::vector<ExtractedServer>& servers, const std::vector<std::unique_ptr<FileIndex>>& indices) {
  for (auto& s : servers) {
    for (auto& t : s.tools) {
      if (!syntax::is_null(t.handler) || t.handler_name.empty()) continue;
      for (const auto& idx : indices) {
        if (idx->file->file().path == s.file) continue;
        auto fns = idx->resolve_function(t.handler_name, 1);
        if (fns.empty()) continue;
        t.handler = fns.front();
        t.handler_file = idx->file->file().path;
        break;
      }
    }
  }
}

}  // namespace

std::vector<std::string> unresolved_handlers(const std::vector<ExtractedServer>& servers) {
  std::vector<std::string> out;
  for (const auto& s : servers)
    for (const auto& t : s.tools)
      if (syntax::is_null(t.handler) && !t.handler_name.empty()) out.push_back(t.handler_name);
  return out;
}

void link_handlers(std::vector<ExtractedServer>& servers, const std::vector<const ParsedFile*>& files) {
  std::vector<std::unique_ptr<FileIndex>> indices;
  for (const ParsedFile* f : files)
    if (f && f->file().language != Language::c && f->file().language != Language::cpp)
      indices.push_back(std::make_unique<FileIndex>(build_file_index(*f)));
  link_handlers_in(servers, indices);
}

std::vector<ExtractedServer> extract_servers(const std::vector<const ParsedFile*>& files) {
  std::vector<std::unique_ptr<FileIndex>> indices;
  std::vector<ExtractedServer> servers;
  for (const ParsedFile* f : files) {
    if (!f) continue;
    Language lang = f->file().language;
    if (lang == Language::c || lang == Language::cpp) continue;
    indices.push_back(std::make_unique<FileIndex>(build_file_index(*f)));
    const FileIndex& idx = *indices.back();
    ExtractedServer s;
    s.file = f->file().path;
    s.inventory.server_pointer = "";
    ServerBuilder builder(idx, s);
    switch (lang) {
      case Language::python: extract_python(idx, builder, s); break;
      case Language::go: extract_go(idx, builder, s); break;
      default: extract_javascript(idx, builder, s); break;
    }
    if (s.tools.empty()) continue;
    rename_unnamed(s);
    servers.push_back(std::move(s));
  }
  link_handlers_in(servers, indices);
  return servers;
}

std::vector<ExtractedTool> tools_with_handler_in(const std::vector<ExtractedServer>& servers,
                                                 const std::string& path) {
  std::vector<ExtractedTool> out;
  for (const auto& s : servers)
    for (const auto& t : s.tools)
      if (!syntax::is_null(t.handler) && t.handler_file == path) out.push_back(t);
  return out;
}

}  // namespace assay::code
