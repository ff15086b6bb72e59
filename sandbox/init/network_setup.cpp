// Creates the fake network's routes and listening sockets inside the netns and hands them out.
#include "sandbox/init/network_setup.h"

#include <array>
#include <cerrno>
#include <system_error>

#include "sandbox/control_channel.h"
#include "sandbox/net/fake_routes.h"
#include "sandbox/net/listeners.h"

namespace assay::sandbox {

namespace {

void hand_out(int control_fd, UniqueFd fd, const char* proto, int port, int family) {
  send_control(control_fd, {{"type", "listener"}, {"proto", proto}, {"port", port}, {"family", family}},
               std::array<int, 1>{fd.get()});
}

}  // namespace

UniqueFd open_requested_listener(int port, int family) {
  int fd = open_tcp_listener(port, family);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "listen on port " + std::to_string(port));
  return UniqueFd(fd);
}

void setup_network(const InitConfig& config, int control_fd) {
  FakeRoutes routes = setup_fake_routes();
  for (int family : {4, 6}) {
    if (family == 6 && !routes.ipv6) {
      send_control(control_fd, {{"type", "ready"}, {"notes", {"no IPv6 in the fake network: " + routes.ipv6_error}}});
      continue;
    }
    for (int port : config.tcp_ports) hand_out(control_fd, open_requested_listener(port, family), "tcp", port, family);
    if (config.dns) {
      int fd = open_udp_socket(53, family);
      if (fd < 0) throw std::system_error(errno, std::generic_category(), "DNS socket");
      hand_out(control_fd, UniqueFd(fd), "udp", 53, family);
    }
  }
}

}  // namespace assay::sandbox
