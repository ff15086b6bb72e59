// Finding and filling placeholders.
#include "scanner/fuzz/placeholders.h"

#include <algorithm>

namespace assay::fuzz {
namespace {

// Calls `on_name(begin, end, name)` for each `{name}` in text.
template <typename F>
void scan(std::string_view text, F on_name) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    size_t j = i + 1;
    while (j < text.size() && ((text[j] >= 'a' && text[j] <= 'z') || text[j] == '_')) ++j;
    if (j > i + 1 && j < text.size() && text[j] == '}') on_name(i, j + 1, text.substr(i + 1, j - i - 1));
  }
}

std::string value_of(std::string_view name, const PlaceholderValues& v) {
  const CallCanary& c = v.canary;
  if (name == "canary_token") return c.token;
  if (name == "canary_file") return c.file;
  if (name == "canary_cmd") return c.command;
  if (name == "canary_host") return c.host;
  if (name == "canary_port") return std::to_string(c.port);
  if (name == "canary_half_a") return c.half_a;
  if (name == "canary_half_b") return c.half_b;
  if (name == "canary_num_a") return std::to_string(c.num_a);
  if (name == "canary_num_b") return std::to_string(c.num_b);
  if (name == "canary_product") return std::to_string(c.product());
  if (name == "home") return v.paths.home;
  if (name == "work") return v.paths.work;
  if (name == "root") return v.paths.root;
  if (name == "baseline") return v.baseline;
  return "{" + std::string(name) + "}";
}

}  // namespace

const std::vector<std::string>& known_placeholders() {
  static const std::vector<std::string> names = {
      "canary_token", "canary_file", "canary_cmd",     "canary_host", "canary_port", "canary_half_a", "canary_half_b",
      "canary_num_a", "canary_num_b", "canary_product", "home",        "work",        "root",          "baseline"};
  return names;
}

bool is_known_placeholder(std::string_view name) {
  const auto& k = known_placeholders();
  return std::find(k.begin(), k.end(), name) != k.end();
}

std::vector<std::string> placeholders_in(std::string_view text) {
  std::vector<std::string> names;
  scan(text, [&](size_t, size_t, std::string_view name) { names.emplace_back(name); });
  return names;
}

std::string fill_placeholders(std::string_view text, const PlaceholderValues& values) {
  std::string out;
  size_t copied = 0;
  scan(text, [&](size_t begin, size_t end, std::string_view name) {
    if (begin < copied) return;
    out.append(text.substr(copied, begin - copied));
    out += value_of(name, values);
    copied = end;
  });
  out.append(text.substr(copied));
  return out;
}

}  // namespace assay::fuzz
