// The channel between the supervisor and the sandbox's init: an AF_UNIX SOCK_SEQPACKET socket
// carrying one small JSON text per message, with file descriptors attached by SCM_RIGHTS.
#pragma once
#include <sys/types.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "sandbox/unique_fd.h"

namespace assay::sandbox {

struct ControlMessage {
  nlohmann::json body;         // always an object with a "type"
  std::vector<UniqueFd> fds;   // attached descriptors, owned by the receiver
  pid_t sender_pid = 0;        // with SO_PASSCRED on the receiving end: the sender, in our pid namespace
};

// Largest message text; a longer one is an error, not a truncated message.
inline constexpr std::size_t kMaxControlMessage = 64 * 1024;
inline constexpr std::size_t kMaxControlFds = 4;

// A connected SOCK_SEQPACKET pair, both ends close-on-exec. first = supervisor, second = init.
// The supervisor's end has SO_PASSCRED, so it learns each sender's pid as it sees it.
std::pair<UniqueFd, UniqueFd> make_control_pair();

// Sends one message; retries on EINTR. Throws std::system_error.
void send_control(int socket, const nlohmann::json& body, std::span<const int> fds = {});

// Receives one message. nullopt when the peer has closed (or, on a non-blocking socket, when no
// message is waiting: check `would_block`). Throws std::system_error on a socket error and
// std::runtime_error on a malformed or truncated message.
std::optional<ControlMessage> receive_control(int socket, bool* would_block = nullptr);

}  // namespace assay::sandbox
