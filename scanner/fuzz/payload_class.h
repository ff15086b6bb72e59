// A payload class as loaded from rules/payloads/*.yaml: hostile values of one kind, the oracle
// that confirms a hit, the field roles that get them first, and examples of those fields.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "scanner/fuzz/field_role.h"
#include "scanner/fuzz/oracle.h"

namespace assay::fuzz {

// Something the executor prepares in the sandbox before the call; paths hold placeholders.
struct SetupAction {
  enum class Kind { symlink, file };
  Kind kind = Kind::file;
  std::string path;     // the link, or the file to create
  std::string target;   // symlink: where it points
  std::string content;  // file: what it holds
};

struct Payload {
  std::string id;
  nlohmann::json value;       // a string (placeholders allowed) or any JSON value (`json:` in the file)
  std::size_t repeat = 1;     // a string value repeated this many times (oversized values)
  Oracle oracle = Oracle::crash_or_hang;
  std::string expect;         // what the oracle looks for, with placeholders; may be empty
  std::vector<SetupAction> setup;
  std::vector<std::string> shells;  // command injection: whose syntax it uses (sh, cmd, powershell)
  int line = 0;
};

// Which fields a class goes into.
enum class Applicability {
  string,      // fields that accept a string
  any,         // every field
  wrong_type,  // every field, but only payloads the field's schema rejects (type confusion)
};

struct FieldExample {
  std::string name;
  std::string description;
  int line = 0;
};

struct PayloadClass {
  std::string id;             // kebab-case, the file name without .yaml
  std::string title;
  std::string description;
  std::vector<std::string> cwe;
  Oracle oracle = Oracle::crash_or_hang;  // the default of its payloads
  Applicability applies_to = Applicability::string;
  std::vector<FieldRole> roles;           // fields with these roles get this class first
  std::vector<Payload> payloads;
  std::vector<FieldExample> first_for;      // fields that must get this class first
  std::vector<FieldExample> not_first_for;  // fields that must not
  std::string file;
};

// Loads every *.yaml in `dir` (sorted). Throws AssayError(input) naming file and line for an
// unknown key, an unknown oracle, role or placeholder, a payload that cannot be attributed to
// its call (e.g. a canary-file payload without {canary_file}), an `expect` the payload itself
// contains, a setup path outside the work dir or root, a duplicate id, missing examples.
std::vector<PayloadClass> load_payload_classes(const std::string& dir);
PayloadClass load_payload_class_file(const std::string& path);

// Where payload classes live below a rules directory: DIR/payloads.
std::string payloads_dir_of(const std::string& rules_dir);

}  // namespace assay::fuzz
