// Canonical JSON for hashing declared surfaces.
#include "scanner/lock/canonical.h"

#include <algorithm>
#include <cmath>

#include "scanner/model/sha256.h"

namespace assay::lock {
namespace {

using nlohmann::json;

constexpr int kMaxDepth = 64;

bool is_string_set(const json& v) {
  return v.is_array() && std::all_of(v.begin(), v.end(), [](const json& e) { return e.is_string(); });
}

json normalize_at(const json& v, int depth) {
  if (depth > kMaxDepth) return v;
  if (v.is_number_float()) {
    double d = v.get<double>();
    // 1.0 and 1 are the same number to JSON Schema; a re-serialising SDK may print either.
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15) return static_cast<std::int64_t>(d);
    return v;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const auto& e : v) out.push_back(normalize_at(e, depth + 1));
    return out;
  }
  if (!v.is_object()) return v;
  json out = json::object();
  for (auto it = v.begin(); it != v.end(); ++it) {
    json n = normalize_at(it.value(), depth + 1);
    // Order carries no meaning in these two keywords; SDKs emit them in declaration order.
    if ((it.key() == "required" || it.key() == "type") && is_string_set(n)) {
      std::vector<std::string> names = n.get<std::vector<std::string>>();
      std::sort(names.begin(), names.end());
      names.erase(std::unique(names.begin(), names.end()), names.end());
      n = names;
    }
    out[it.key()] = std::move(n);
  }
  return out;
}

}  // namespace

json normalize(const json& value) { return normalize_at(value, 0); }

std::string canonical_text(const json& normalized) {
  return normalized.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string canonical_hash(const json& normalized) { return "sha256:" + sha256_hex(canonical_text(normalized)); }

}  // namespace assay::lock
