// TOML configs (Codex) through toml++, whose nodes carry their source regions.
#include <toml++/toml.h>

#include <sstream>

#include "scanner/discovery/config_tree.h"
#include "scanner/discovery/position_index.h"
#include "scanner/model/error.h"

namespace assay::discovery {
namespace {

void note(const toml::node& n, const std::string& pointer, PositionIndex& index) {
  const auto& src = n.source();
  if (src.begin.line > 0) index.add(pointer, static_cast<int>(src.begin.line), static_cast<int>(src.begin.column));
}

nlohmann::json convert(const toml::node& n, const std::string& pointer, PositionIndex& index) {
  note(n, pointer, index);
  if (const auto* t = n.as_table()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [k, v] : *t) {
      std::string key(k.str());
      std::string child = pointer + "/" + pointer_token(key);
      out[key] = convert(v, child, index);
      // For a [table] header the key's region is the header line, where the entry starts.
      if (k.source().begin.line > 0)
        index.add(child, static_cast<int>(k.source().begin.line), static_cast<int>(k.source().begin.column));
    }
    return out;
  }
  if (const auto* a = n.as_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < a->size(); ++i) out.push_back(convert((*a)[i], pointer + "/" + std::to_string(i), index));
    return out;
  }
  if (auto s = n.value<std::string>(); s && n.is_string()) return *s;
  if (n.is_boolean()) return *n.value<bool>();
  if (n.is_integer()) return *n.value<int64_t>();
  if (n.is_floating_point()) return *n.value<double>();
  std::ostringstream other;  // dates and times: kept as their TOML text
  n.visit([&other](const auto& v) { other << v; });
  return other.str();
}

}  // namespace

ConfigTree toml_config_tree(const std::string& path, const std::string& text) {
  toml::table table;
  try {
    table = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    throw input_error(path + ": invalid TOML at line " + std::to_string(e.source().begin.line) + ", column " +
                      std::to_string(e.source().begin.column) + ": " + std::string(e.description()));
  }
  auto index = std::make_shared<PositionIndex>(path);
  ConfigTree tree;
  tree.file = path;
  tree.root = convert(table, "", *index);
  tree.locate = [index](const std::string& p) { return index->locate(p); };
  return tree;
}

}  // namespace assay::discovery
