// Named views of a sandbox event's fields, so runtime rules (data) can test any of them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "sandbox/event.h"

namespace assay::behaviour {

// path, path2, argv (joined with spaces), exec_name (basename of path), address, port, protocol,
// name, detail, data, canary, honeytoken ("true"/"false"), kind, flags, target_pid.
// nullopt for an unknown field name.
std::optional<std::string> event_field(const sandbox::Event& e, std::string_view field);
bool is_event_field(std::string_view field);

std::optional<sandbox::EventKind> event_kind_from_string(std::string_view text);

}  // namespace assay::behaviour
