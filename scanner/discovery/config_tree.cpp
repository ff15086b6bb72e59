// Loading config files: size cap, format by extension, JSONC leniency, positions via JsonLocator.
#include "scanner/discovery/config_tree.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "scanner/discovery/jsonc.h"
#include "scanner/mcp/json_guard.h"
#include "scanner/model/error.h"
#include "scanner/targets/dump_loader.h"
#include "scanner/targets/json_locator.h"

namespace assay::discovery {
namespace {

constexpr std::uintmax_t kMaxConfigBytes = 8u << 20;
constexpr int kMaxDepth = 64;

bool ends_with(const std::string& s, const char* suffix) {
  std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}

}  // namespace

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

ConfigFormat format_of(const std::string& path) {
  if (ends_with(path, ".toml")) return ConfigFormat::toml;
  if (ends_with(path, ".yaml") || ends_with(path, ".yml")) return ConfigFormat::yaml;
  return ConfigFormat::json;
}

ConfigTree load_config_text(const std::string& path, const std::string& text, ConfigFormat format) {
  if (format == ConfigFormat::yaml) return yaml_config_tree(path, text);
  if (format == ConfigFormat::toml) return toml_config_tree(path, text);
  std::string plain = blank_jsonc_extras(text);
  if (mcp::nesting_exceeds(plain, kMaxDepth))
    throw input_error(path + ": nested deeper than " + std::to_string(kMaxDepth) + " levels; not a client config");
  ConfigTree tree;
  tree.file = path;
  try {
    tree.root = nlohmann::json::parse(plain);
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(path + ": invalid JSON at " + targets::describe_offset(plain, e.byte ? e.byte - 1 : 0));
  }
  auto locator = std::make_shared<targets::JsonLocator>(path, plain, kMaxDepth);
  tree.locate = [locator](const std::string& p) { return locator->locate(p); };
  return tree;
}

ConfigTree load_config_tree(const std::string& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) throw input_error(path + ": cannot read: " + ec.message());
  if (size > kMaxConfigBytes) throw input_error(path + ": " + std::to_string(size) + " bytes is too large for a client config");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path + ": cannot open");
  std::ostringstream s;
  s << in.rdbuf();
  return load_config_text(path, s.str(), format_of(path));
}

}  // namespace assay::discovery
