// The fake network's routing: inside a fresh network namespace, every IPv4 and IPv6 destination
// is made local, so any connect() lands on the namespace's own sinkhole listeners.
#pragma once
#include <string>

namespace assay::sandbox {

struct FakeRoutes {
  bool ipv6 = false;       // false when the kernel has IPv6 off; IPv4 is always set up
  std::string ipv6_error;  // why not
};

// Brings lo up and adds `local 0.0.0.0/0 dev lo` and `local ::/0 dev lo` to the local table,
// over rtnetlink (no `ip` binary inside the sandbox). Needs CAP_NET_ADMIN in the netns's owning
// user namespace. Throws std::system_error if lo or the IPv4 route cannot be set up. Safe to call
// twice (routes are replaced).
FakeRoutes setup_fake_routes();

}  // namespace assay::sandbox
