// Parses one untrusted JSON-RPC line: nesting depth is checked by a linear pre-scan before the
// JSON library sees it, and text the library would refuse (ill-formed UTF-8, lone UTF-16
// surrogate escapes) is replaced with U+FFFD instead of failing the whole scan.
#pragma once
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace assay::mcp {

class JsonRejected : public std::runtime_error {
 public:
  enum class Reason { too_deep, not_json };
  JsonRejected(Reason reason, const std::string& what) : std::runtime_error(what), reason_(reason) {}
  Reason reason() const { return reason_; }

 private:
  Reason reason_;
};

struct UntrustedJson {
  nlohmann::json value;
  bool repaired = false;  // some text was replaced with U+FFFD
};

// True when arrays/objects nest deeper than max_depth (brackets inside strings do not count).
bool nesting_exceeds(const std::string& text, int max_depth);

// Throws JsonRejected. Takes the line by value because repairs happen in place.
UntrustedJson parse_untrusted_json(std::string line, int max_depth);

}  // namespace assay::mcp
