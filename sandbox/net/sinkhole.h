// The supervisor side of the fake network: one thread that accepts every connection the
// sandboxed process makes, answers its DNS queries, and records what it sent where.
#pragma once
#include "sandbox/decoy/canary_set.h"
#include "sandbox/event.h"

#include <cstddef>
#include <memory>

namespace assay::sandbox {

struct SinkholeOptions {
  std::size_t max_bytes_per_connection = 16 * 1024;  // kept and searched for canaries
  std::size_t max_event_data_bytes = 4096;           // of those, copied into the event
  double read_deadline_seconds = 2.0;                // per connection, from accept: slowloris bound
  std::size_t max_open_connections = 64;             // beyond it the oldest is recorded and closed
  bool answer_aaaa = false;                          // see DnsAnswerPolicy
  const CanarySet* canaries = nullptr;               // not owned; outlives the sinkhole
};

// Events recorded (pid 0: the sinkhole sees sockets, not processes; the recorder's connect
// events carry the pid):
//  sinkhole_connection  at accept: address/port the process dialled (getsockname), "tcp"
//  sinkhole_data        when the connection ends: first bytes in data, detail "tls sni=...",
//                       "http GET /x HTTP/1.1 host=h" or "" (plus " (truncated)" at the cap)
//  dns_query            name, detail = query type, address/port = the resolver it asked, "udp"
//  canary_seen          canary label, detail "sinkhole" or "dns", with the address/port or name
class Sinkhole {
 public:
  Sinkhole(EventLog& log, SinkholeOptions options);
  ~Sinkhole();  // stop()
  Sinkhole(const Sinkhole&) = delete;
  Sinkhole& operator=(const Sinkhole&) = delete;

  // Take ownership of a listening TCP socket (port is informational) or a UDP DNS socket. Safe
  // from any thread, before or while running; after stop() the fd is closed at once.
  void add_tcp_listener(int fd, int port);
  void add_dns_socket(int fd);

  void start();
  // Records and closes open connections, closes every socket, joins. Idempotent.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace assay::sandbox
