// Reads payload classes from YAML and refuses anything malformed or unattributable, naming the
// file and line.
#include <re2/re2.h>

#include <filesystem>
#include <set>

#include "scanner/fuzz/payload_class.h"
#include "scanner/fuzz/placeholders.h"
#include "scanner/model/error.h"
#include "scanner/rules/yaml_rule_reader.h"

namespace assay::fuzz {
namespace {

constexpr std::size_t kMaxPayloadBytes = 1 << 20;

// Every string inside a JSON value, for placeholder checks.
void strings_in(const nlohmann::json& j, std::string& out) {
  if (j.is_string()) {
    out += j.get<std::string>();
    out += '\n';
  } else if (j.is_structured()) {
    for (const auto& item : j) strings_in(item, out);
    if (j.is_object())
      for (auto it = j.begin(); it != j.end(); ++it) out += it.key() + '\n';
  }
}

bool uses(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

class PayloadFileReader : public rules::YamlRuleReader {
 public:
  using YamlRuleReader::YamlRuleReader;

  PayloadClass read() const {
    YAML::Node root = load();
    only_keys(root, {"class", "title", "description", "cwe", "oracle", "applies_to", "roles", "payloads", "examples",
                     "references"},
              "a payload class");
    PayloadClass c;
    c.file = path();
    c.id = text(root, "class", true);
    if (!RE2::FullMatch(c.id, "[a-z0-9]+(-[a-z0-9]+)*")) fail(root["class"], "class id must be kebab-case");
    if (std::filesystem::path(path()).stem().string() != c.id) fail(root["class"], "file name must be " + c.id + ".yaml");
    c.title = text(root, "title", true);
    c.description = text(root, "description", true);
    c.cwe = list(root, "cwe");
    if (c.cwe.empty()) fail(root, "every payload class names at least one CWE");
    for (const auto& w : c.cwe)
      if (!RE2::FullMatch(w, R"(CWE-\d+)")) fail(root["cwe"], "CWE ids look like CWE-78, not '" + w + "'");
    c.oracle = oracle(root["oracle"], true);
    std::string applies = text(root, "applies_to", true);
    if (applies == "string") c.applies_to = Applicability::string;
    else if (applies == "any") c.applies_to = Applicability::any;
    else if (applies == "wrong-type") c.applies_to = Applicability::wrong_type;
    else fail(root["applies_to"], "applies_to must be string, any or wrong-type");
    for (const auto& r : list(root, "roles")) {
      auto role = parse_field_role(r);
      if (!role) fail(root["roles"], "unknown role '" + r + "' (path, url, host, command, query, expression, template, text)");
      c.roles.push_back(*role);
    }
    YAML::Node payloads = root["payloads"];
    if (!payloads.IsSequence() || payloads.size() == 0) fail(root, "'payloads' must be a non-empty list");
    std::set<std::string> ids;
    for (const auto& p : payloads) {
      c.payloads.push_back(payload(p, c.oracle));
      if (!ids.insert(c.payloads.back().id).second) fail(p, "duplicate payload id '" + c.payloads.back().id + "'");
    }
    examples(root["examples"], c);
    return c;
  }

 private:
  Oracle oracle(const YAML::Node& n, bool required) const {
    if (!n.IsDefined()) {
      if (required) fail(n, "missing required key 'oracle'");
      return Oracle::crash_or_hang;
    }
    auto o = n.IsScalar() ? parse_oracle(n.as<std::string>()) : std::nullopt;
    if (!o)
      fail(n, "oracle must be one of canary-file, canary-exec, honeytoken-read, file-outside-roots, "
              "sinkhole-connection, canary-in-output, metadata-rules-on-output, crash-or-hang");
    return *o;
  }

  void check_placeholders(const YAML::Node& at, const std::string& text_value, bool allow_baseline) const {
    for (const auto& name : placeholders_in(text_value)) {
      if (!is_known_placeholder(name)) fail(at, "unknown placeholder {" + name + "}");
      if (name == "baseline" && !allow_baseline) fail(at, "{baseline} only makes sense in a payload value");
    }
  }

  SetupAction setup_action(const YAML::Node& n) const {
    SetupAction a;
    if (n.IsMap() && n["symlink"].IsDefined()) {
      only_keys(n, {"symlink", "target"}, "a symlink setup");
      a.kind = SetupAction::Kind::symlink;
      a.path = text(n, "symlink", true);
      a.target = text(n, "target", true);
    } else if (n.IsMap() && n["file"].IsDefined()) {
      only_keys(n, {"file", "content"}, "a file setup");
      a.kind = SetupAction::Kind::file;
      a.path = text(n, "file", true);
      a.content = text(n, "content", false);
    } else {
      fail(n, "a setup entry is {symlink: LINK, target: PATH} or {file: PATH, content: TEXT}");
    }
    // The executor plants things only where the sandbox lets it write.
    if (!a.path.starts_with("{work}/") && !a.path.starts_with("{root}/") && !a.path.starts_with("{root}_"))
      fail(n, "setup paths start with {work}/, {root}/ or {root}_ (a sibling of the root)");
    for (const auto* s : {&a.path, &a.target, &a.content}) check_placeholders(n, *s, false);
    return a;
  }

  Payload payload(const YAML::Node& n, Oracle class_oracle) const {
    only_keys(n, {"id", "value", "json", "repeat", "oracle", "expect", "setup", "shells", "note"}, "a payload");
    Payload p;
    p.line = n.Mark().line + 1;
    p.id = text(n, "id", true);
    if (!RE2::FullMatch(p.id, "[a-z0-9]+(-[a-z0-9]+)*")) fail(n["id"], "payload id must be kebab-case");
    bool has_value = n["value"].IsDefined(), has_json = n["json"].IsDefined();
    if (has_value == has_json) fail(n, "a payload has exactly one of 'value' (a string) or 'json' (JSON text)");
    if (has_value) {
      p.value = text(n, "value", true);
    } else {
      try {
        p.value = nlohmann::json::parse(text(n, "json", true));
      } catch (const nlohmann::json::parse_error& e) {
        fail(n["json"], std::string("'json' is not valid JSON: ") + e.what());
      }
    }
    if (n["repeat"].IsDefined()) {
      long long r = 0;
      try {
        r = n["repeat"].as<long long>();
      } catch (const YAML::Exception&) {
        fail(n["repeat"], "repeat must be a whole number");
      }
      if (!p.value.is_string() || r < 1 || static_cast<std::size_t>(r) * p.value.get<std::string>().size() > kMaxPayloadBytes)
        fail(n["repeat"], "repeat applies to a string value and stays within 1 MiB");
      p.repeat = static_cast<std::size_t>(r);
    }
    p.oracle = n["oracle"].IsDefined() ? oracle(n["oracle"], false) : class_oracle;
    std::string all_text;
    strings_in(p.value, all_text);
    check_placeholders(n, all_text, true);
    if (n["setup"].IsDefined()) {
      if (!n["setup"].IsSequence()) fail(n["setup"], "'setup' must be a list");
      for (const auto& s : n["setup"]) p.setup.push_back(setup_action(s));
    }
    p.shells = list(n, "shells");
    for (const auto& sh : p.shells)
      if (sh != "sh" && sh != "cmd" && sh != "powershell") fail(n["shells"], "shells are sh, cmd or powershell, not '" + sh + "'");
    p.expect = text(n, "expect", false);
    check_placeholders(n, p.expect, false);
    attribution(n, p, placeholders_in(all_text));
    return p;
  }

  // Each oracle needs the payload to carry what makes its hit attributable to this call.
  void attribution(const YAML::Node& n, Payload& p, const std::vector<std::string>& used) const {
    switch (p.oracle) {
      case Oracle::canary_file:
        if (!uses(used, "canary_file")) fail(n, "a canary-file payload must contain {canary_file}");
        if (p.expect.empty()) p.expect = "{canary_file}";
        break;
      case Oracle::canary_exec:
        if (!uses(used, "canary_cmd")) fail(n, "a canary-exec payload must contain {canary_cmd}");
        if (p.expect.empty()) p.expect = "{canary_cmd}";
        break;
      case Oracle::sinkhole_connection:
        if (uses(used, "canary_host") || uses(used, "canary_token")) {
          if (p.expect.empty()) p.expect = "{canary_token}";
        } else if (uses(used, "canary_port")) {
          if (p.expect.empty()) p.expect = "{canary_port}";
        } else {
          fail(n, "a sinkhole-connection payload must name {canary_host}, {canary_token} or {canary_port}");
        }
        break;
      case Oracle::canary_in_output: {
        if (p.expect.empty()) fail(n, "a canary-in-output payload needs 'expect': the text the server must compute");
        PlaceholderValues sample{make_canary(1, "self-test", 0, PlanPaths{}), PlanPaths{}, "sample"};
        std::string value_text;
        strings_in(p.value, value_text);
        // A server that merely echoes its input must not confirm anything.
        if (fill_placeholders(value_text, sample).find(fill_placeholders(p.expect, sample)) != std::string::npos)
          fail(n, "'expect' occurs in the payload itself: an echo would count as a hit");
        break;
      }
      default:
        break;
    }
  }

  std::vector<FieldExample> field_examples(const YAML::Node& list_node, const char* which) const {
    std::vector<FieldExample> out;
    if (!list_node.IsDefined() || list_node.IsNull()) return out;
    if (!list_node.IsSequence()) fail(list_node, std::string("examples.") + which + " must be a list");
    for (const auto& item : list_node) {
      FieldExample ex;
      ex.line = item.Mark().line + 1;
      if (item.IsScalar()) {
        ex.name = item.as<std::string>();
      } else {
        only_keys(item, {"name", "description"}, "a field example");
        ex.name = text(item, "name", true);
        ex.description = text(item, "description", false);
      }
      out.push_back(std::move(ex));
    }
    return out;
  }

  void examples(const YAML::Node& n, PayloadClass& c) const {
    if (n.IsDefined()) {
      only_keys(n, {"first_for", "not_first_for"}, "examples");
      c.first_for = field_examples(n["first_for"], "first_for");
      c.not_first_for = field_examples(n["not_first_for"], "not_first_for");
    }
    if (!c.roles.empty() && (c.first_for.empty() || c.not_first_for.empty()))
      fail(n.IsDefined() ? n : YAML::Node(), "a class with roles needs examples.first_for and examples.not_first_for");
  }
};

}  // namespace

PayloadClass load_payload_class_file(const std::string& path) { return PayloadFileReader(path).read(); }

std::vector<PayloadClass> load_payload_classes(const std::string& dir) {
  std::vector<PayloadClass> classes;
  std::set<std::string> ids;
  for (const auto& file : rules::rule_files_in(dir)) {
    classes.push_back(load_payload_class_file(file));
    if (!ids.insert(classes.back().id).second) throw input_error(file + ": duplicate payload class '" + classes.back().id + "'");
  }
  if (classes.empty()) throw input_error(dir + ": no payload classes (*.yaml)");
  return classes;
}

std::string payloads_dir_of(const std::string& rules_dir) {
  std::filesystem::path p(rules_dir);
  if (p.filename() == "metadata") p = p.parent_path();
  if (std::filesystem::is_directory(p / "payloads")) return (p / "payloads").string();
  return rules_dir;
}

}  // namespace assay::fuzz
