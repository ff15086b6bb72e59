// Field access for runtime rules: one switch, so a new field is one line here.
#include "scanner/behaviour/event_fields.h"

#include <array>

namespace assay::behaviour {
namespace {

constexpr std::array<std::string_view, 15> kFields = {"path", "path2",  "argv",   "exec_name", "address",
                                                      "port", "protocol", "name", "detail",    "data",
                                                      "canary", "honeytoken", "kind", "flags", "target_pid"};

std::string basename_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string joined(const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& a : argv) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

}  // namespace

bool is_event_field(std::string_view field) {
  for (auto f : kFields)
    if (f == field) return true;
  return false;
}

std::optional<std::string> event_field(const sandbox::Event& e, std::string_view field) {
  if (field == "path") return e.path;
  if (field == "path2") return e.path2;
  if (field == "argv") return joined(e.argv);
  if (field == "exec_name") return basename_of(e.path);
  if (field == "address") return e.address;
  if (field == "port") return std::to_string(e.port);
  if (field == "protocol") return e.protocol;
  if (field == "name") return e.name;
  if (field == "detail") return e.detail;
  if (field == "data") return e.data;
  if (field == "canary") return e.canary;
  if (field == "honeytoken") return std::string(e.honeytoken ? "true" : "false");
  if (field == "kind") return std::string(sandbox::to_string(e.kind));
  if (field == "flags") return std::to_string(e.flags);
  if (field == "target_pid") return std::to_string(e.target_pid);
  return std::nullopt;
}

std::optional<sandbox::EventKind> event_kind_from_string(std::string_view text) {
  for (int k = 0; k <= static_cast<int>(sandbox::EventKind::note); ++k) {
    auto kind = static_cast<sandbox::EventKind>(k);
    if (text == sandbox::to_string(kind)) return kind;
  }
  return std::nullopt;
}

}  // namespace assay::behaviour
