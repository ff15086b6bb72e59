// The canonical form of declared JSON: what two declarations must share to be the same surface.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace assay::lock {

// Keys sorted (nlohmann's object order), floats with an integral value as integers, and the
// set-valued schema keywords `required` and `type` sorted, so reformatting or reordering a
// schema leaves its hash alone. Values nested deeper than the depth limit are kept as they are.
nlohmann::json normalize(const nlohmann::json& value);

// Compact text of a normalized value; invalid UTF-8 is replaced, never thrown on.
std::string canonical_text(const nlohmann::json& normalized);

// sha256 of canonical_text, "sha256:" + 64 hex digits.
std::string canonical_hash(const nlohmann::json& normalized);

}  // namespace assay::lock
