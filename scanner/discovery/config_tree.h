// A client config file of any format (JSON, JSONC, YAML, TOML) as one JSON value plus the
// position of every value in it, so each configured server can be pointed at by file and line.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "scanner/model/finding.h"

namespace assay::discovery {

enum class ConfigFormat { json, yaml, toml };

struct ConfigTree {
  std::string file;
  nlohmann::json root;
  // Position of the value at an RFC 6901 pointer; unknown pointers fall back to the nearest
  // ancestor, then to line 1.
  std::function<PhysicalLocation(const std::string& pointer)> locate;
};

// By extension: .toml, .yaml/.yml, anything else JSON (read leniently as JSONC).
ConfigFormat format_of(const std::string& path);

// Throws AssayError(input) naming the file and line for unreadable or malformed files, and for
// files over 8 MiB (no client writes configs that large; a bigger file is not a config).
ConfigTree load_config_tree(const std::string& path);
ConfigTree load_config_text(const std::string& path, const std::string& text, ConfigFormat format);

// RFC 6901 escaping of one reference token.
std::string pointer_token(const std::string& key);

// Implemented per format (yaml_tree.cpp, toml_tree.cpp).
ConfigTree yaml_config_tree(const std::string& path, const std::string& text);
ConfigTree toml_config_tree(const std::string& path, const std::string& text);

}  // namespace assay::discovery
