// Reads a code rule's `clang:` block into the engine's RuleSpec.
#include "scanner/code/clang/clang_rule_spec.h"

#include <set>

#include "scanner/model/error.h"

namespace assay::code {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const CodeRule& rule, const std::string& what) {
  throw input_error(rule.rule_file + ": clang: " + what);
}

std::vector<std::string> names(const CodeRule& rule, const json& block, const char* key) {
  std::vector<std::string> out;
  auto it = block.find(key);
  if (it == block.end()) return out;
  if (!it->is_array()) fail(rule, std::string(key) + " must be a list of names");
  for (const json& item : *it) {
    if (!item.is_string() || item.get<std::string>().empty()) {
      fail(rule, std::string(key) + " must be a list of names");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// The loader keeps YAML scalars as strings, so "2" and 2 are both an index.
int index_of(const CodeRule& rule, const json& value, const char* what) {
  int index = -1;
  if (value.is_number_integer()) {
    index = value.get<int>();
  } else if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 2 && text.find_first_not_of("0123456789") == std::string::npos) {
      index = std::stoi(text);
    }
  }
  if (index < 0 || index > 64) fail(rule, std::string(what) + " must be an argument index (0-64)");
  return index;
}

clang_engine::SinkSpec read_sink(const CodeRule& rule, const json& item) {
  if (!item.is_object()) fail(rule, "each sink must be a mapping");
  static const std::set<std::string> kKeys = {"functions", "args", "when_shell", "when_arg"};
  for (const auto& [key, value] : item.items()) {
    if (!kKeys.count(key)) fail(rule, "unknown sink key `" + key + "`");
  }
  clang_engine::SinkSpec sink;
  sink.functions = names(rule, item, "functions");
  if (sink.functions.empty()) fail(rule, "a sink needs `functions`");
  auto args = item.find("args");
  if (args == item.end() || !args->is_array() || args->empty()) fail(rule, "a sink needs `args`");
  for (const json& a : *args) sink.args.push_back(index_of(rule, a, "args"));
  if (auto shell = item.find("when_shell"); shell != item.end()) {
    sink.shell_arg = index_of(rule, *shell, "when_shell");
  }
  if (auto when = item.find("when_arg"); when != item.end()) {
    if (!when->is_object() || !when->contains("index") || !when->contains("is") ||
        !(*when)["is"].is_string()) {
      fail(rule, "when_arg must be {index: N, is: NAME}");
    }
    sink.selector_arg = index_of(rule, (*when)["index"], "when_arg.index");
    sink.selector = (*when)["is"].get<std::string>();
  }
  return sink;
}

std::shared_ptr<const RE2> pattern(const CodeRule& rule, const json& block, const char* key) {
  auto it = block.find(key);
  if (it == block.end()) return nullptr;
  if (!it->is_string()) fail(rule, std::string(key) + " must be a string");
  auto re = std::make_shared<RE2>(it->get<std::string>(), RE2::Quiet);
  if (!re->ok()) fail(rule, std::string(key) + ": " + re->error());
  return re;
}

}  // namespace

bool ClangRule::accepts_value(const std::string& value) const {
  if (value_matches && !RE2::PartialMatch(value, *value_matches)) return false;
  if (value_excludes && RE2::PartialMatch(value, *value_excludes)) return false;
  return true;
}

ClangRule read_clang_rule(const CodeRule& rule) {
  const json& block = rule.clang;
  if (!block.is_object()) fail(rule, "must be a mapping");
  static const std::set<std::string> kKeys = {"sources", "sinks", "sanitizers", "value_matches",
                                              "value_excludes"};
  for (const auto& [key, value] : block.items()) {
    if (!kKeys.count(key)) fail(rule, "unknown key `" + key + "`");
  }
  ClangRule out;
  out.rule = &rule;
  out.spec.rule_id = rule.id;
  std::string sources = block.value("sources", "tool-arguments");
  if (sources == "tool-arguments") {
    out.spec.mode = clang_engine::RuleMode::taint;
  } else if (sources == "constants") {
    out.spec.mode = clang_engine::RuleMode::constant;
  } else {
    fail(rule, "sources must be tool-arguments or constants, not `" + sources + "`");
  }
  auto sinks = block.find("sinks");
  if (sinks == block.end() || !sinks->is_array() || sinks->empty()) fail(rule, "needs a list of sinks");
  for (const json& item : *sinks) out.spec.sinks.push_back(read_sink(rule, item));
  if (auto s = block.find("sanitizers"); s != block.end()) {
    if (!s->is_object()) fail(rule, "sanitizers must be a mapping");
    out.spec.sanitizers.functions = names(rule, *s, "functions");
    out.spec.sanitizers.canonicalizers = names(rule, *s, "canonicalizers");
    out.spec.sanitizers.checks = names(rule, *s, "checks");
    if (out.spec.sanitizers.canonicalizers.empty() != out.spec.sanitizers.checks.empty()) {
      fail(rule, "canonicalizers and checks go together");
    }
  }
  out.value_matches = pattern(rule, block, "value_matches");
  out.value_excludes = pattern(rule, block, "value_excludes");
  if (out.spec.mode == clang_engine::RuleMode::constant && !out.value_matches) {
    fail(rule, "a constants rule needs value_matches");
  }
  return out;
}

}  // namespace assay::code
