// YAML configs (Goose, Continue) through yaml-cpp, whose nodes carry their marks.
#include <yaml-cpp/yaml.h>

#include "scanner/discovery/config_tree.h"
#include "scanner/discovery/position_index.h"
#include "scanner/model/error.h"

namespace assay::discovery {
namespace {

constexpr int kMaxDepth = 64;

nlohmann::json scalar(const YAML::Node& n) {
  // Plain (untagged) scalars keep YAML's booleans, which configs use for enabled/disabled.
  const std::string& v = n.Scalar();
  if (n.Tag() == "?") {
    if (v == "true" || v == "True" || v == "TRUE") return true;
    if (v == "false" || v == "False" || v == "FALSE") return false;
    if (v == "null" || v == "~" || v.empty()) return nullptr;
  }
  return v;
}

nlohmann::json convert(const YAML::Node& n, const std::string& pointer, int depth, PositionIndex& index,
                       const std::string& path) {
  if (depth > kMaxDepth) throw input_error(path + ": nested deeper than " + std::to_string(kMaxDepth) + " levels");
  auto mark = n.Mark();
  if (mark.line >= 0) index.add(pointer, mark.line + 1, mark.column + 1);
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : n) {
        std::string key = kv.first.IsScalar() ? kv.first.Scalar() : YAML::Dump(kv.first);
        std::string child = pointer + "/" + pointer_token(key);
        // The key's line is where a reader looks for the entry (the first position recorded wins).
        auto km = kv.first.Mark();
        if (km.line >= 0) index.add(child, km.line + 1, km.column + 1);
        out[key] = convert(kv.second, child, depth + 1, index, path);
      }
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      size_t i = 0;
      for (const auto& item : n) out.push_back(convert(item, pointer + "/" + std::to_string(i++), depth + 1, index, path));
      return out;
    }
    case YAML::NodeType::Scalar:
      return scalar(n);
    default:
      return nullptr;
  }
}

}  // namespace

ConfigTree yaml_config_tree(const std::string& path, const std::string& text) {
  YAML::Node doc;
  try {
    doc = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw input_error(path + ": invalid YAML at line " + std::to_string(e.mark.line + 1) + ", column " +
                      std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  auto index = std::make_shared<PositionIndex>(path);
  ConfigTree tree;
  tree.file = path;
  tree.root = convert(doc, "", 0, *index, path);
  tree.locate = [index](const std::string& p) { return index->locate(p); };
  return tree;
}

}  // namespace assay::discovery
