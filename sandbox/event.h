// What the sandbox saw a sandboxed process do: one plain record per observation, in order.
#pragma once
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace assay::sandbox {

enum class EventKind {
  exec,              // path, argv
  file_open,         // path, flags (open(2) flags), honeytoken
  file_write,        // a file opened for writing/created outside the work dir: path, flags
  file_delete,       // path
  file_rename,       // path -> path2
  file_chmod,        // path, mode in flags
  connect,           // address, port, protocol ("tcp", "udp", "unix")
  sendto,            // address, port, protocol, data (first bytes)
  bind,              // address, port, protocol
  listen,            // address, port
  dns_query,         // name (in `name`), qtype in detail ("A", "AAAA", ...)
  sinkhole_connection,  // address, port (the destination the process dialled), protocol
  sinkhole_data,     // address, port, data (first bytes), detail: "tls sni=..." / "http GET /x host=..."
  signal,            // a signal sent by the process: target pid in `target_pid`, signal number in flags
  ptrace,            // ptrace request in flags, target_pid
  process_exit,      // exit status in flags (or signal in detail)
  canary_seen,       // canary: which one, detail: where it was seen (sinkhole, dns, file, stdout)
  limit_hit,         // detail: which limit (processes, cpu, wall clock, file size, memory)
  note,              // anything else worth showing (sandbox set-up facts), detail
};

const char* to_string(EventKind kind);

struct Event {
  std::uint64_t seq = 0;   // 1, 2, 3 ... in the order the log accepted them
  double time = 0;         // seconds since the sandbox started (steady clock)
  int pid = 0;             // pid of the acting process as the supervisor sees it (0 = n/a)
  EventKind kind = EventKind::note;
  std::string path;        // file path, exec path
  std::string path2;       // rename target
  std::vector<std::string> argv;
  long long flags = 0;     // open flags, chmod mode, signal number, exit status, ptrace request
  std::string address;     // IP address text, or unix socket path
  int port = 0;
  std::string protocol;    // tcp, udp, unix
  std::string name;        // DNS name
  std::string data;        // first bytes (bounded; raw bytes, may be binary)
  std::string detail;      // free text: sni, http request line, limit name, note
  bool honeytoken = false; // the file is one of the decoy home's honeytokens
  std::string canary;      // canary_seen: the canary's label (e.g. "aws-secret-key"), never its value
  int target_pid = 0;      // signal/ptrace target
};

// JSON object for one event (data rendered as text with invalid UTF-8 replaced and capped); one
// line of JSON each for `mcp-assay sandbox --json`.
void to_json(nlohmann::json& j, const Event& e);
// One readable line: "  0.012s pid 3 exec /usr/bin/sh [sh -c 'curl x']".
std::string to_text(const Event& e);

// Thread-safe append-only log shared by the recorder, the sinkhole and the supervisor. Assigns
// seq and time; bounded, so a flooding process cannot exhaust memory (drops are counted).
class EventLog {
 public:
  explicit EventLog(std::size_t max_events = 100000);
  void add(Event e);
  std::vector<Event> snapshot() const;
  std::size_t dropped() const;
  double elapsed() const;  // seconds since construction

 private:
  mutable std::mutex mutex_;
  std::vector<Event> events_;
  std::size_t max_events_;
  std::size_t dropped_ = 0;
  std::uint64_t next_seq_ = 1;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace assay::sandbox
