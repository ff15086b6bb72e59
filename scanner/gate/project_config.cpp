// Reads .mcp-assay.yaml with yaml-cpp; every error names the file and the line of the node.
#include "scanner/gate/project_config.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "scanner/gate/dates.h"
#include "scanner/model/error.h"

namespace assay::gate {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxConfigBytes = 4u << 20;

class ConfigReader {
 public:
  ConfigReader(std::string file, std::string base_dir) : file_(std::move(file)), base_dir_(std::move(base_dir)) {}

  ProjectConfig read(const YAML::Node& root) {
    ProjectConfig c;
    c.file = file_;
    if (!root.IsDefined() || root.IsNull()) return c;
    if (!root.IsMap()) fail(root, "the config must be a mapping of keys (fail-on, format, ignore, ...)");
    for (const auto& kv : root) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "fail-on") c.fail_on = severity(v);
      else if (key == "format") c.formats = formats(v);
      else if (key == "output") c.outputs = strings(v, key);
      else if (key == "exclude") c.exclude = strings(v, key);
      else if (key == "rules") {
        for (const auto& dir : strings(v, key)) c.rule_dirs.push_back(resolve(dir));
      } else if (key == "disable") c.disabled = disabled(v);
      else if (key == "ignore") c.ignores = ignores(v);
      else
        fail(kv.first, "unknown key '" + key + "' (known: fail-on, format, output, exclude, rules, disable, ignore)");
    }
    return c;
  }

 private:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& what) const { throw input_error(where(node) + ": " + what); }

  std::string where(const YAML::Node& node) const { return file_ + ":" + std::to_string(node.Mark().line + 1); }

  std::string scalar(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) fail(node, "'" + key + "' must be a single value");
    std::string s = node.Scalar();
    if (s.empty()) fail(node, "'" + key + "' is empty");
    return s;
  }

  // A single value or a list of them.
  std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const {
    if (node.IsScalar()) return {scalar(node, key)};
    if (!node.IsSequence()) fail(node, "'" + key + "' must be a value or a list of values");
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(scalar(item, key));
    return out;
  }

  std::string severity(const YAML::Node& node) const {
    static const std::set<std::string> kNames = {"info", "low", "medium", "high", "critical", "never"};
    std::string s = scalar(node, "fail-on");
    if (!kNames.count(s)) fail(node, "fail-on: '" + s + "' is not one of info, low, medium, high, critical, never");
    return s;
  }

  std::vector<std::string> formats(const YAML::Node& node) const {
    static const std::set<std::string> kFormats = {"sarif", "json", "jsonl", "text", "markdown"};
    std::vector<std::string> out = strings(node, "format");
    for (const auto& f : out)
      if (!kFormats.count(f)) fail(node, "format: '" + f + "' is not one of sarif, json, jsonl, text, markdown");
    return out;
  }

  std::string resolve(const std::string& dir) const {
    fs::path p(dir);
    if (p.is_relative() && !base_dir_.empty()) p = fs::path(base_dir_) / p;
    return p.lexically_normal().string();
  }

  std::vector<DisabledRule> disabled(const YAML::Node& node) const {
    std::vector<DisabledRule> out;
    if (node.IsScalar()) return {{scalar(node, "disable"), where(node)}};
    if (!node.IsSequence()) fail(node, "'disable' must be a rule id or a list of rule ids");
    for (const auto& item : node) out.push_back({scalar(item, "disable"), where(item)});
    return out;
  }

  std::vector<IgnoreEntry> ignores(const YAML::Node& node) const {
    if (!node.IsSequence()) fail(node, "'ignore' must be a list of entries (- rule: MCP003\\n  reason: ...)");
    std::vector<IgnoreEntry> out;
    for (const auto& item : node) out.push_back(ignore(item));
    return out;
  }

  IgnoreEntry ignore(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node, "an ignore entry must be a mapping (rule/fingerprint/server/tool/path, reason, expires)");
    IgnoreEntry e;
    e.where = where(node);
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>();
      const YAML::Node& v = kv.second;
      if (key == "rule") e.rule = scalar(v, key);
      else if (key == "fingerprint") e.fingerprint = scalar(v, key);
      else if (key == "server") e.server = scalar(v, key);
      else if (key == "tool") e.tool = scalar(v, key);
      else if (key == "path") e.path = scalar(v, key);
      else if (key == "reason") e.reason = scalar(v, key);
      else if (key == "expires") {
        e.expires = scalar(v, key);
        if (!is_iso_date(e.expires)) fail(v, "expires: '" + e.expires + "' is not a date (YYYY-MM-DD)");
      } else {
        fail(kv.first, "unknown key '" + key + "' in an ignore entry (known: rule, fingerprint, server, tool, path, "
                       "reason, expires)");
      }
    }
    if (e.rule.empty() && e.fingerprint.empty() && e.server.empty() && e.tool.empty() && e.path.empty())
      fail(node, "an ignore entry must say what it ignores: rule, fingerprint, server, tool or path");
    if (e.reason.empty()) fail(node, "an ignore entry needs a 'reason': why this finding is acceptable, and who says so");
    return e;
  }

  std::string file_;
  std::string base_dir_;
};

}  // namespace

ProjectConfig parse_project_config(const std::string& text, const std::string& file, const std::string& base_dir) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw input_error(file + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  try {
    return ConfigReader(file, base_dir).read(root);
  } catch (const YAML::Exception& e) {
    throw input_error(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
}

ProjectConfig load_project_config(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw input_error(file + ": cannot read the config file");
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) throw input_error(file + ": config file larger than 4 MiB");
  return parse_project_config(text, file, fs::path(file).parent_path().string());
}

}  // namespace assay::gate
