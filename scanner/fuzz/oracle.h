// The oracles that confirm a payload hit: what the sandbox or the tool result must show.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace assay::fuzz {

enum class Oracle {
  canary_file,              // the file the payload names appears (command injection)
  canary_exec,              // the command the payload names is exec'd
  honeytoken_read,          // a honeytoken in the decoy home is opened (traversal, file:// SSRF)
  file_outside_roots,       // a file outside the roots the server was given is opened
  sinkhole_connection,      // the sinkhole gets a connection / DNS query naming the call's canary
  canary_in_output,         // the call's `expect` text appears in the result (computed, not echoed)
  metadata_rules_on_output, // the metadata rules fire on the result (prompt injection stored and served)
  crash_or_hang,            // the server dies or misses its deadline (robustness)
};

std::string_view to_string(Oracle o);
std::optional<Oracle> parse_oracle(std::string_view s);

}  // namespace assay::fuzz
