// Event rendering (JSON, one text line) and the bounded, thread-safe log every observer appends to.
#include "sandbox/event.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace assay::sandbox {

namespace {

// A hostile process chooses these bytes: cap what goes into a report and make it valid UTF-8
// (the JSON library refuses anything else), replacing each ill-formed sequence with U+FFFD.
constexpr std::size_t kMaxRenderedBytes = 4096;

std::string printable_utf8(const std::string& raw) {
  std::string out;
  const std::size_t n = raw.size() < kMaxRenderedBytes ? raw.size() : kMaxRenderedBytes;
  out.reserve(n + 8);
  std::size_t i = 0;
  while (i < n) {
    const auto c = static_cast<unsigned char>(raw[i]);
    std::size_t len = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, cp = c & 0x07;
    }
    bool ok = len != 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(raw[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are ill-formed too.
    if (ok && ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF)))
      ok = false;
    if (ok) {
      out.append(raw, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  if (raw.size() > n) out += "\xE2\x80\xA6";  // an ellipsis marks the cut
  return out;
}

// Text lines must stay one line each and show control bytes instead of obeying them.
std::string one_line(const std::string& raw) {
  std::string text = printable_utf8(raw);
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out.push_back(ch);
    }
  }
  return out;
}

std::string quoted_if_needed(const std::string& raw) {
  std::string text = one_line(raw);
  if (!text.empty() && text.find_first_of(" '\"") == std::string::npos) return text;
  std::string out = "'";
  for (char ch : text) {
    if (ch == '\'')
      out += "'\\''";
    else
      out.push_back(ch);
  }
  return out + "'";
}

std::string endpoint(const Event& e) {
  std::string out = e.protocol.empty() ? std::string() : e.protocol + " ";
  if (e.protocol == "unix" || e.port == 0) return out + one_line(e.address);
  if (e.address.find(':') != std::string::npos)
    return out + "[" + one_line(e.address) + "]:" + std::to_string(e.port);
  return out + one_line(e.address) + ":" + std::to_string(e.port);
}

}  // namespace

const char* to_string(EventKind kind) {
  switch (kind) {
    case EventKind::exec: return "exec";
    case EventKind::file_open: return "file_open";
    case EventKind::file_write: return "file_write";
    case EventKind::file_delete: return "file_delete";
    case EventKind::file_rename: return "file_rename";
    case EventKind::file_chmod: return "file_chmod";
    case EventKind::connect: return "connect";
    case EventKind::sendto: return "sendto";
    case EventKind::bind: return "bind";
    case EventKind::listen: return "listen";
    case EventKind::dns_query: return "dns_query";
    case EventKind::sinkhole_connection: return "sinkhole_connection";
    case EventKind::sinkhole_data: return "sinkhole_data";
    case EventKind::signal: return "signal";
    case EventKind::ptrace: return "ptrace";
    case EventKind::process_exit: return "process_exit";
    case EventKind::canary_seen: return "canary_seen";
    case EventKind::limit_hit: return "limit_hit";
    case EventKind::note: return "note";
  }
  return "unknown";
}

// Only the fields that carry something are written, so a JSON line stays readable.
void to_json(nlohmann::json& j, const Event& e) {
  j = nlohmann::json::object();
  j["seq"] = e.seq;
  j["time"] = e.time;
  j["pid"] = e.pid;
  j["kind"] = to_string(e.kind);
  if (!e.path.empty()) j["path"] = printable_utf8(e.path);
  if (!e.path2.empty()) j["path2"] = printable_utf8(e.path2);
  if (!e.argv.empty()) {
    auto& argv = j["argv"] = nlohmann::json::array();
    for (const auto& arg : e.argv) argv.push_back(printable_utf8(arg));
  }
  if (e.flags != 0) j["flags"] = e.flags;
  if (!e.address.empty()) j["address"] = printable_utf8(e.address);
  if (e.port != 0) j["port"] = e.port;
  if (!e.protocol.empty()) j["protocol"] = e.protocol;
  if (!e.name.empty()) j["name"] = printable_utf8(e.name);
  if (!e.data.empty()) j["data"] = printable_utf8(e.data);
  if (!e.detail.empty()) j["detail"] = printable_utf8(e.detail);
  if (e.honeytoken) j["honeytoken"] = true;
  if (!e.canary.empty()) j["canary"] = printable_utf8(e.canary);
  if (e.target_pid != 0) j["target_pid"] = e.target_pid;
}

std::string to_text(const Event& e) {
  char head[64];
  std::snprintf(head, sizeof head, "%7.3fs pid %d ", e.time, e.pid);
  std::string line = head;
  line += to_string(e.kind);
  auto add = [&line](const std::string& part) {
    if (!part.empty()) line += " " + part;
  };
  switch (e.kind) {
    case EventKind::exec: {
      add(one_line(e.path));
      std::string argv;
      for (const auto& arg : e.argv) argv += (argv.empty() ? "" : " ") + quoted_if_needed(arg);
      add("[" + argv + "]");
      break;
    }
    case EventKind::file_open:
    case EventKind::file_write: {
      add(one_line(e.path));
      char flags[32];
      std::snprintf(flags, sizeof flags, "flags=0%llo", e.flags);
      add(flags);
      if (e.honeytoken) add("HONEYTOKEN");
      break;
    }
    case EventKind::file_delete: add(one_line(e.path)); break;
    case EventKind::file_rename: add(one_line(e.path) + " -> " + one_line(e.path2)); break;
    case EventKind::file_chmod: {
      char mode[32];
      std::snprintf(mode, sizeof mode, "mode=0%llo", e.flags);
      add(one_line(e.path));
      add(mode);
      break;
    }
    case EventKind::connect:
    case EventKind::bind:
    case EventKind::listen:
    case EventKind::sinkhole_connection: add(endpoint(e)); break;
    case EventKind::sendto:
    case EventKind::sinkhole_data:
      add(endpoint(e));
      if (!e.data.empty()) add("data=\"" + one_line(e.data) + "\"");
      break;
    case EventKind::dns_query: add(one_line(e.name)); break;
    case EventKind::signal:
      add("target=" + std::to_string(e.target_pid));
      add("sig=" + std::to_string(e.flags));
      break;
    case EventKind::ptrace:
      add("target=" + std::to_string(e.target_pid));
      add("request=" + std::to_string(e.flags));
      break;
    case EventKind::process_exit:
      add("status=" + std::to_string(e.flags));
      break;
    case EventKind::canary_seen: add(one_line(e.canary)); break;
    case EventKind::limit_hit:
    case EventKind::note: break;
  }
  add(one_line(e.detail));
  return line;
}

// The whole bound is reserved up front (address space only: pages are touched as events come):
// growing a vector of events reallocates and unmaps megabytes while the recorder holds a tracee
// stopped, and on a busy VM each unmap's TLB shootdown cost milliseconds. The reservation is capped
// so a huge bound does not claim gigabytes of address space.
EventLog::EventLog(std::size_t max_events)
    : max_events_(max_events), start_(std::chrono::steady_clock::now()) {
  events_.reserve(std::min<std::size_t>(max_events_, 1 << 15));
}

void EventLog::add(Event e) {
  std::lock_guard lock(mutex_);
  // Taken under the lock so time never runs backwards as seq grows.
  const double now = elapsed();
  if (events_.size() >= max_events_) {
    ++dropped_;
    return;
  }
  e.seq = next_seq_++;
  e.time = now;
  events_.push_back(std::move(e));
}

std::vector<Event> EventLog::snapshot() const {
  std::lock_guard lock(mutex_);
  return events_;
}

std::size_t EventLog::dropped() const {
  std::lock_guard lock(mutex_);
  return dropped_;
}

double EventLog::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

}  // namespace assay::sandbox
