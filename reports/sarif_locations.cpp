// SARIF locations: artifact URIs, regions that are never zero-width, and logical locations.
#include <cctype>
#include <cstdio>

#include "reports/sarif_parts.h"

namespace assay::reports::sarif {
namespace {

// RFC 3986 unreserved characters and the path separator pass; everything else is percent-encoded.
std::string percent_encode_path(std::string_view path) {
  std::string out;
  for (char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", u);
      out += buf;
    }
  }
  return out;
}

// The whole of `line`, as columns when its length is known, else as SARIF's "whole line" default.
Json whole_line(int line, const SourceFile* file) {
  Json region = {{"startLine", line}};
  const auto index = static_cast<std::size_t>(line - 1);
  if (file && index < file->line_end_columns.size() && file->line_end_columns[index] > 1) {
    region["startColumn"] = 1;
    region["endLine"] = line;
    region["endColumn"] = file->line_end_columns[index];
  }
  return region;
}

// Analyzers may not know where a finding ends (or know nothing but the file): rather than a
// zero-width or inverted region, which viewers show as nothing at all, the whole line is marked.
Json region(const PhysicalLocation& p, const SourceFile* file) {
  if (p.start_line <= 0) return whole_line(1, file);
  const bool start_known = p.start_column > 0;
  const bool end_known = p.end_line > p.start_line ||
                         (p.end_line == p.start_line && p.end_column > p.start_column && start_known);
  if (!start_known && p.end_line > p.start_line) return {{"startLine", p.start_line}, {"endLine", p.end_line}};
  if (!start_known || !end_known) return whole_line(p.start_line, file);
  Json r = {{"startLine", p.start_line}, {"startColumn", p.start_column}, {"endLine", p.end_line}};
  if (p.end_column > 0) r["endColumn"] = p.end_column;
  return r;
}

// server/tools/NAME/inputSchema/properties/X/description: a parameter's text; otherwise a member
// of the server's declared surface.
std::string_view logical_kind(std::string_view logical) {
  if (logical.find("/properties/") != std::string_view::npos) return "parameter";
  if (logical.find("/resources/") != std::string_view::npos ||
      logical.find("/resourceTemplates/") != std::string_view::npos)
    return "resource";
  return "member";
}

}  // namespace

bool is_absolute_path(std::string_view path) { return !path.empty() && path.front() == '/'; }

std::string artifact_uri(std::string_view path) {
  if (is_absolute_path(path)) return "file://" + percent_encode_path(path);
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  return percent_encode_path(path);
}

Json location(const Location& loc, SourceFileCache& files) {
  Json out = Json::object();
  const PhysicalLocation& p = loc.physical;
  if (!p.file.empty()) {
    Json artifact = {{"uri", artifact_uri(p.file)}};
    if (!is_absolute_path(p.file)) artifact["uriBaseId"] = "%SRCROOT%";
    out["physicalLocation"] = {{"artifactLocation", artifact}, {"region", region(p, files.get(p.file))}};
  }
  if (!loc.logical.empty()) {
    const auto slash = loc.logical.rfind('/');
    const std::string name = slash == std::string::npos ? loc.logical : loc.logical.substr(slash + 1);
    out["logicalLocations"] = Json::array(
        {{{"name", name}, {"fullyQualifiedName", loc.logical}, {"kind", logical_kind(loc.logical)}}});
  }
  return out;
}

}  // namespace assay::reports::sarif
