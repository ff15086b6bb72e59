// Signal names as rules/dynamic spells them.
#include "scanner/dynamic/signal.h"

#include <array>
#include <utility>

namespace assay::dynamic {
namespace {

constexpr std::array<std::pair<Signal, std::string_view>, 13> kNames{{
    {Signal::command_injection, "command-injection"},
    {Signal::path_traversal, "path-traversal"},
    {Signal::ssrf, "ssrf"},
    {Signal::exfiltration, "exfiltration"},
    {Signal::injection_in_output, "injection-in-output"},
    {Signal::output_poisoning, "output-poisoning"},
    {Signal::rug_pull, "rug-pull"},
    {Signal::unexplained_network, "unexplained-network"},
    {Signal::unexplained_exec, "unexplained-exec"},
    {Signal::unexplained_honeytoken, "unexplained-honeytoken"},
    {Signal::process_left_running, "process-left-running"},
    {Signal::crash, "crash"},
    {Signal::hang, "hang"},
}};

}  // namespace

std::string_view to_string(Signal s) {
  for (const auto& [sig, name] : kNames)
    if (sig == s) return name;
  return "unknown";
}

std::optional<Signal> parse_signal(std::string_view s) {
  for (const auto& [sig, name] : kNames)
    if (name == s) return sig;
  return std::nullopt;
}

const std::vector<Signal>& all_signals() {
  static const std::vector<Signal> all = [] {
    std::vector<Signal> v;
    for (const auto& [sig, name] : kNames) v.push_back(sig);
    return v;
  }();
  return all;
}

}  // namespace assay::dynamic
