// Offline inventory files: detect the shape, build the inventory, index positions.
#include "scanner/targets/dump_loader.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scanner/model/error.h"

namespace assay::targets {
namespace {

using nlohmann::json;

constexpr std::uintmax_t kMaxDumpBytes = 256u << 20;

std::string server_name_from_path(const std::string& path) {
  std::string stem = std::filesystem::path(path).filename().string();
  for (const char* suffix : {".json", ".response", ".tools", ".inventory", ".tools-list"}) {
    std::string_view s(suffix);
    if (stem.size() > s.size() && stem.ends_with(s)) stem.resize(stem.size() - s.size());
  }
  return stem.empty() ? "server" : stem;
}

template <typename Parse, typename Out>
void read_list(const json& container, const char* key, const std::string& base, Parse parse, Out& out,
               Inventory& inv) {
  auto arr = container.find(key);
  if (arr == container.end()) return;
  if (!arr->is_array()) {
    inv.warnings.push_back(base + "/" + key + " is not an array; ignored");
    return;
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    std::string why;
    auto item = parse((*arr)[i], &why);
    std::string pointer = base + "/" + key + "/" + std::to_string(i);
    if (!item) {
      inv.warnings.push_back(pointer + ": " + why);
      continue;
    }
    item->source_pointer = pointer;
    out.push_back(std::move(*item));
  }
}

// A tools/list result, possibly holding the other lists too when a user merged them.
void read_protocol_lists(const json& result, const std::string& base, Inventory& inv) {
  read_list(result, "tools", base, tool_from_protocol, inv.tools, inv);
  read_list(result, "prompts", base, prompt_from_protocol, inv.prompts, inv);
  read_list(result, "resources", base, resource_from_protocol, inv.resources, inv);
  read_list(result, "resourceTemplates", base, resource_template_from_protocol, inv.resource_templates, inv);
}

}  // namespace

std::string describe_offset(const std::string& text, size_t offset) {
  int line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

LoadedDump load_dump_text(const std::string& path, const std::string& text) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    auto colon = what.rfind(": ");
    throw input_error(path + ": invalid JSON at " + describe_offset(text, e.byte > 0 ? e.byte - 1 : 0) + ": " +
                      (colon == std::string::npos ? what : what.substr(colon + 2)));
  }
  LoadedDump out;
  Inventory& inv = out.inventory;
  if (doc.is_object() && doc.contains("mcpAssayInventory")) {
    inv = doc.get<Inventory>();
  } else if (doc.is_object() && doc.contains("tools")) {
    read_protocol_lists(doc, "", inv);
  } else if (doc.is_object() && doc.contains("jsonrpc") && doc.contains("result") && doc["result"].is_object() &&
             doc["result"].contains("tools")) {
    read_protocol_lists(doc["result"], "/result", inv);
  } else if (doc.is_object() && (doc.contains("mcpServers") || doc.contains("servers") || doc.contains("mcp"))) {
    throw input_error(path + ": MCP client configuration files are not supported yet; scan a server with "
                             "`mcp-assay scan --unsandboxed -- COMMAND ARGS...` or give a tools/list dump");
  } else if (doc.is_object() && doc.contains("jsonrpc") && doc.contains("error")) {
    throw input_error(path + ": the saved JSON-RPC response is an error, not a tools/list result");
  } else {
    throw input_error(path +
                      ": not a tools/list result ({\"tools\": [...]}), a JSON-RPC response holding one, "
                      "or an mcp-assay inventory");
  }
  if (inv.server.name.empty()) inv.server.name = server_name_from_path(path);
  inv.source_document = path;
  out.locator = std::make_shared<JsonLocator>(path, text);
  return out;
}

LoadedDump load_dump_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw input_error(path + ": no such file");
  // Source directories and package tarballs go to the static scanner (scan_runner), not here.
  if (path.ends_with(".tgz") || path.ends_with(".tar.gz") || std::filesystem::is_directory(path, ec))
    throw input_error(path + ": a source directory or package tarball, not a tools/list dump");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw input_error(path + ": cannot read: " + ec.message());
  if (size > kMaxDumpBytes) throw input_error(path + ": file is larger than 256 MiB; refusing to load it");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path + ": cannot open for reading");
  std::ostringstream buf;
  buf << in.rdbuf();
  return load_dump_text(path, buf.str());
}

}  // namespace assay::targets
