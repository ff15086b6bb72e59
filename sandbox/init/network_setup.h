// The fake network, from inside the sandbox's network namespace (init has CAP_NET_ADMIN there).
#pragma once
#include "sandbox/init_config.h"
#include "sandbox/unique_fd.h"

namespace assay::sandbox {

// Loopback up, every IPv4 and IPv6 destination routed to the namespace itself, then a TCP
// listener per configured port (IPv4 and IPv6) and the DNS sockets (UDP 53), each sent to the
// supervisor as a "listener" message. Throws std::system_error when the routes cannot be set.
void setup_network(const InitConfig& config, int control_fd);

// A TCP listener on `port` for `family` (4 or 6), for the supervisor's "open_listener" request.
UniqueFd open_requested_listener(int port, int family);

}  // namespace assay::sandbox
