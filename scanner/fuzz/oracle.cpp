// Oracle names as they appear in payload files and plans.
#include "scanner/fuzz/oracle.h"

namespace assay::fuzz {
namespace {

struct OracleName {
  Oracle oracle;
  const char* name;
};

constexpr OracleName kNames[] = {
    {Oracle::canary_file, "canary-file"},
    {Oracle::canary_exec, "canary-exec"},
    {Oracle::honeytoken_read, "honeytoken-read"},
    {Oracle::file_outside_roots, "file-outside-roots"},
    {Oracle::sinkhole_connection, "sinkhole-connection"},
    {Oracle::canary_in_output, "canary-in-output"},
    {Oracle::metadata_rules_on_output, "metadata-rules-on-output"},
    {Oracle::crash_or_hang, "crash-or-hang"},
};

}  // namespace

std::string_view to_string(Oracle o) {
  for (const auto& n : kNames)
    if (n.oracle == o) return n.name;
  return "?";
}

std::optional<Oracle> parse_oracle(std::string_view s) {
  for (const auto& n : kNames)
    if (s == n.name) return n.oracle;
  return std::nullopt;
}

}  // namespace assay::fuzz
