// Reads one server entry, whatever client wrote it: the clients agree on the idea (a command
// with args and env, or a URL with headers) but not on the key names.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "scanner/discovery/config_tree.h"
#include "scanner/discovery/configured_server.h"

namespace assay::discovery {

// How a client reads a bare `url` with no type: Gemini CLI takes it as HTTP+SSE (it has
// `httpUrl` for Streamable HTTP); the others try Streamable HTTP.
enum class BareUrl { streamable_http, sse };

// nullopt (with a reason in *why) when the entry declares neither a command nor a URL, or is
// a client built-in (Goose's builtin/platform extensions run inside the client).
std::optional<ConfiguredServer> read_server_entry(const ConfigTree& tree, const nlohmann::json& entry,
                                                  const std::string& name, const std::string& pointer,
                                                  BareUrl bare_url, std::string* why);

}  // namespace assay::discovery
