// What the supervisor tells the sandbox's init: the command, its environment, the filesystem
// view, the limits and the network set-up. Sent as MessagePack (file contents are raw bytes).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/limits.h"
#include "sandbox/mounts.h"

namespace assay::sandbox {

struct InitConfig {
  std::vector<std::string> argv;   // argv[0] is looked up in PATH from `env` when it has no '/'
  std::vector<std::string> env;    // the target's whole environment, KEY=VALUE
  MountPlan mounts;
  Limits limits;
  bool fake_network = true;        // lo up, every address routed locally, listeners handed out
  std::vector<int> tcp_ports;      // TCP listeners opened before the target starts (v4 and v6)
  bool dns = true;                 // UDP 53 sockets for the DNS responder
  bool record = true;              // install the seccomp recording filter in the target
  std::string hostname = "sandbox";
  std::string cwd;                 // where the target starts; empty = the work dir
};

std::string encode_init_config(const InitConfig& config);
InitConfig decode_init_config(std::string_view bytes);  // throws on malformed input

}  // namespace assay::sandbox
