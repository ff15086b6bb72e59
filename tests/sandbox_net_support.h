// Helpers shared by the sandbox net tests: fixture bytes, a hand-built TLS ClientHello, waiting
// for and describing sinkhole events.
#pragma once
#include "sandbox/event.h"

#include <chrono>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

namespace sandbox_net_test {

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(ASSAY_SOURCE_DIR) + "/tests/fixtures/sandbox_net/" + name, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline std::string u16(std::size_t v) { return {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)}; }
inline std::string u24(std::size_t v) { return static_cast<char>(v >> 16) + u16(v & 0xffff); }

// A ClientHello handshake message (type, length, body) announcing `sni` (none when empty).
inline std::string client_hello_message(const std::string& sni) {
  std::string body = u16(0x0303) + std::string(32, 'r') + '\0' + u16(4) + "\x13\x01\x13\x02" + "\x01" + '\0';
  std::string extensions;
  if (!sni.empty()) {
    std::string entry = '\0' + u16(sni.size()) + sni;
    std::string list = u16(entry.size()) + entry;
    extensions += u16(0) + u16(list.size()) + list;
  }
  extensions += u16(0x002b) + u16(3) + "\x02\x03\x04";  // supported_versions: TLS 1.3
  body += u16(extensions.size()) + extensions;
  return "\x01" + u24(body.size()) + body;
}

// The handshake bytes in TLS records of at most `fragment` bytes each.
inline std::string in_records(const std::string& handshake, std::size_t fragment = 16384) {
  std::string out;
  for (std::size_t i = 0; i < handshake.size(); i += fragment) {
    std::string part = handshake.substr(i, fragment);
    out += "\x16\x03\x01" + u16(part.size()) + part;
  }
  return out;
}


// Waits up to `seconds` for the log to satisfy `done`; returns the last snapshot.
inline std::vector<assay::sandbox::Event> wait_for_events(
    const assay::sandbox::EventLog& log, const std::function<bool(const std::vector<assay::sandbox::Event>&)>& done,
    double seconds = 5) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  for (;;) {
    auto events = log.snapshot();
    if (done(events) || std::chrono::steady_clock::now() > deadline) return events;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

inline std::size_t count_kind(const std::vector<assay::sandbox::Event>& events, assay::sandbox::EventKind kind) {
  std::size_t n = 0;
  for (const auto& e : events) n += e.kind == kind;
  return n;
}

// "kind address port protocol | name | detail | canary": the fields a sinkhole event carries,
// in one string so a test can compare a whole sequence at once.
inline std::string describe(const assay::sandbox::Event& e) {
  std::string out = std::string(assay::sandbox::to_string(e.kind)) + " " + e.address + " " + std::to_string(e.port) +
                    " " + e.protocol;
  if (!e.name.empty()) out += " | name=" + e.name;
  if (!e.detail.empty()) out += " | " + e.detail;
  if (!e.canary.empty()) out += " | canary=" + e.canary;
  return out;
}

}  // namespace sandbox_net_test
