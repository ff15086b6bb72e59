// `mcp-assay discover`, and the configured servers `mcp-assay scan` takes from config files,
// --discover and --url.
#include <iostream>

#include "scanner/cli/commands.h"
#include "scanner/cli/exit_codes.h"
#include "scanner/discovery/discover.h"
#include "scanner/discovery/server_view.h"
#include "scanner/mcp/http_transfers.h"
#include "scanner/model/error.h"

namespace assay::cli {

int run_discover_command(const DiscoverCommand& cmd) {
  std::string home = cmd.home.empty() ? discovery::user_home() : cmd.home;
  auto found = discovery::discover_servers(cmd.no_home ? "" : home, cmd.project);
  if (cmd.json)
    std::cout << discovery::discovery_json(found).dump(2) << "\n";
  else
    std::cout << discovery::discovery_text(found);
  return kExitClean;
}

}  // namespace assay::cli

namespace assay::cli {

void add_configured_servers(const ScanCommand& cmd, std::vector<std::string>& dump_files,
                            std::vector<discovery::ConfiguredServer>& servers) {
  for (const auto& t : cmd.targets) {
    if (!discovery::is_client_config_file(t)) {
      dump_files.push_back(t);
      continue;
    }
    auto read = discovery::read_config_file(t);
    for (auto& s : read.servers) servers.push_back(std::move(s));
  }
  if (cmd.discover) {
    std::string home = cmd.home.empty() ? discovery::user_home() : cmd.home;
    auto found = discovery::discover_servers(home, cmd.project);
    for (const auto& f : found.files)
      if (!f.error.empty()) std::cerr << "mcp-assay: warning: " << f.error << "\n";
    for (auto& s : found.servers) servers.push_back(std::move(s));
  }
  if (!cmd.headers.empty() && cmd.urls.empty()) throw usage_error("--header goes with --url");
  for (const auto& u : cmd.urls) {
    std::string why;
    if (!mcp::valid_http_url(u, &why)) throw usage_error("--url " + u + ": " + why);
    discovery::ConfiguredServer s;
    s.name = u;
    s.client = "command-line";
    s.scope = "command-line";
    s.url.value = u;
    // A URL ending in /sse is the older HTTP+SSE transport by convention; either way a refusal
    // at initialize falls back to the other transport.
    s.transport = u.ends_with("/sse") ? discovery::Transport::sse : discovery::Transport::streamable_http;
    for (const auto& h : cmd.headers) {
      auto colon = h.find(':');
      if (colon == std::string::npos || colon == 0) throw usage_error("--header \"" + h + "\": expected \"Name: value\"");
      std::string value = h.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      s.headers.push_back({h.substr(0, colon), value, "", {}});
    }
    servers.push_back(std::move(s));
  }
}

}  // namespace assay::cli
