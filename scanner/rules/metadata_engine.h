// Runs metadata rules over an inventory's fields: RE2::Set prefilter, then per-pattern checks.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/model/finding.h"
#include "scanner/model/inventory.h"
#include "scanner/rules/metadata_field.h"
#include "scanner/rules/metadata_rule.h"

namespace assay::rules {

struct RuleHit {
  const MetadataRule* rule = nullptr;
  std::string pattern_id;   // "" for builtin checks
  Severity severity = Severity::info;
  Confidence confidence = Confidence::low;
  std::string match;        // the matched (normalized) text, or what the builtin check saw
  std::string encoding;     // "" when found in plain text; else "base64", "tag-characters", ...
  std::string encoded;      // the encoded run the match was decoded from
};

// Maps a JSON pointer in the inventory's source document to a place in that file.
using PointerLocator = std::function<PhysicalLocation(const std::string& pointer)>;

class MetadataEngine {
 public:
  // Compiles every rule; throws AssayError(input) if the patterns cannot be compiled together.
  explicit MetadataEngine(std::vector<MetadataRule> rules);
  ~MetadataEngine();
  MetadataEngine(const MetadataEngine&) = delete;
  MetadataEngine& operator=(const MetadataEngine&) = delete;
  // Moving keeps the rules' addresses (the vector's buffer moves), which compiled_ refers to.
  MetadataEngine(MetadataEngine&&) noexcept;
  MetadataEngine& operator=(MetadataEngine&&) noexcept;

  const std::vector<MetadataRule>& rules() const { return rules_; }

  // Every rule hit on one field's text; at most one hit per rule and encoding (the strongest).
  std::vector<RuleHit> evaluate(FieldKind kind, std::string_view text) const;

  // Findings for a whole inventory; locations come from `locate` (may be empty).
  std::vector<Finding> scan(const Inventory& inventory, const PointerLocator& locate) const;

 private:
  struct Compiled;
  std::vector<MetadataRule> rules_;
  std::unique_ptr<Compiled> compiled_;
};

// Human wording of where a field is: "the description of tool 'get_forecast'".
std::string describe_field(const MetadataField& field);

}  // namespace assay::rules
