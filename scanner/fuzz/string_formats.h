// JSON Schema `format`s the fuzzer writes values for, and the check that a value has one.
#pragma once
#include <optional>
#include <string>

namespace assay::fuzz {

// A realistic value for a known format (uri, email, date-time, date, time, uuid, ipv4, ipv6,
// hostname, ...); nullopt for formats we do not know. `salt` > 0 gives a different value.
std::optional<std::string> sample_for_format(const std::string& format, int salt = 0);

// Whether `value` has the format; nullopt for unknown formats (annotations only).
std::optional<bool> has_format(const std::string& format, const std::string& value);

}  // namespace assay::fuzz
