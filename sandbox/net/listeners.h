// Sockets init opens inside the fake network and hands to the supervisor's sinkhole.
#pragma once

namespace assay::sandbox {

// family is 4 or 6. Bound to the any-address (so, under the catch-all local route, to every
// destination on that port), listening, close-on-exec, non-blocking. IPv6 sockets are v6-only so
// the v4 and v6 sockets of one port coexist. Return -1 with errno set on failure.
int open_tcp_listener(int port, int family);
// UDP socket on the any-address with packet-info delivery enabled, so the DNS responder can
// answer from the address the query was sent to (a connected resolver socket drops replies from
// any other source).
int open_udp_socket(int port, int family);

}  // namespace assay::sandbox
