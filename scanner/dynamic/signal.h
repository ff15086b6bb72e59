// What the dynamic scan can prove or observe; each kind is bound to one rule in rules/dynamic.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace assay::dynamic {

enum class Signal {
  command_injection,       // canary file appeared / canary command exec'd
  path_traversal,          // honeytoken or the named file outside the roots opened; honeytoken in result
  ssrf,                    // the sinkhole got what only the call's payload named
  exfiltration,            // a canary (honeytoken, decoy env, a call's token) left through the network
  injection_in_output,     // a computed canary came back in the result
  output_poisoning,        // metadata rules on a result, on text we never sent
  rug_pull,                // declarations changed at run time
  unexplained_network,     // network use outside every call
  unexplained_exec,        // exec outside every call
  unexplained_honeytoken,  // a honeytoken read no payload asked for
  process_left_running,    // a process started during the calls outlived them
  crash,                   // the server died during a call
  hang,                    // a call blocked the whole server
};

std::string_view to_string(Signal s);  // the rules' `signal:` names: "command-injection", ...
std::optional<Signal> parse_signal(std::string_view s);
const std::vector<Signal>& all_signals();

}  // namespace assay::dynamic
