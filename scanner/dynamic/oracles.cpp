// The oracles over a recorded trace. An event is judged by the call it is attributed to
// (attribution.h): a token the event names is proof; a time window only says when.
#include "scanner/dynamic/oracles.h"

#include <fcntl.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "scanner/behaviour/behaviour_engine.h"
#include "scanner/dynamic/attribution.h"
#include "scanner/fuzz/canary.h"
#include "scanner/mcp/escape.h"

namespace assay::dynamic {
namespace {

using sandbox::Event;
using K = sandbox::EventKind;
using fuzz::Oracle;

std::string shown_text(std::string_view s) { return mcp::escape_for_message(s, 200); }

std::string lexical(const std::string& p) { return std::filesystem::path(p).lexically_normal().string(); }

// npm and npx read ~/.npmrc when they launch a server (as the runtime rule MCP201 knows).
// The recorder flags any path that looks like a honeytoken's (it ends in home/alex/.ssh/id_rsa:
// probing counts there); an open proves a read only when the path really is in the decoy home.
bool counts_as_honeytoken(const Event& e, const std::string& home) {
  if (!e.honeytoken || (e.path.size() >= 7 && e.path.ends_with("/.npmrc"))) return false;
  return home.empty() || lexical(e.path).starts_with(home + "/");
}

bool is_path_call(const fuzz::FuzzCall& c) {
  return c.oracle == Oracle::honeytoken_read || c.oracle == Oracle::file_outside_roots || c.payload_class == "path-traversal";
}

bool is_network_call(const fuzz::FuzzCall& c) { return c.oracle == Oracle::sinkhole_connection || c.payload_class == "ssrf"; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Whether a URL payload aims inside: loopback in any spelling, link-local and cloud metadata,
// cluster-internal names, or a scheme other than http(s). Fetching the public host a user
// names is what a fetch tool is for; reaching these on a user's word is SSRF.
bool names_internal_target(const std::string& url) {
  std::string u = lower(url);
  auto scheme_end = u.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = u.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return true;
  std::string rest = u.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
  std::string host = rest;
  if (host.starts_with("[")) host = host.substr(1, host.find(']') - 1);
  else host = host.substr(0, host.find(':'));
  static const char* kInternal[] = {"127.", "169.254.", "0x7f", "2130706433", "localhost", "::1", "fd00:ec2::", "0.0.0.0"};
  for (const char* prefix : kInternal)
    if (host.starts_with(prefix)) return true;
  for (const char* suffix : {".internal", ".svc", ".local", ".localhost", ".cluster.local"})
    if (host.ends_with(suffix)) return true;
  return host.find_first_not_of("0123456789.") == std::string::npos && host.starts_with("127");
}

std::string payload_text(const fuzz::FuzzCall& c);

// SSRF is proven for a call whose payload aimed inside; an external canary host fetched is a
// fetch tool doing its job.
bool is_ssrf_call(const fuzz::FuzzCall& c) { return is_network_call(c) && names_internal_target(payload_text(c)); }

bool opens_for_writing(const Event& e) {
  return e.kind == K::file_write || (e.flags & (O_WRONLY | O_RDWR | O_CREAT)) != 0;
}

bool is_loopback(const std::string& address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

bool is_network_event(const Event& e) {
  switch (e.kind) {
    case K::dns_query:
    case K::sinkhole_data:
    case K::sinkhole_connection:
      return true;
    case K::connect:
    case K::sendto:
      return e.protocol != "unix";
    default:
      return false;
  }
}

std::string network_phrase(const Event& e) {
  if (e.kind == K::dns_query) return "looked up " + shown_text(e.name);
  std::string where = shown_text(e.address) + " port " + std::to_string(e.port);
  if (e.kind == K::sinkhole_data) return "sent " + shown_text(e.detail.empty() ? e.data : e.detail) + " to " + where;
  return "connected to " + where + (e.protocol.empty() ? "" : " (" + e.protocol + ")");
}

// The string the payload put in the fuzzed field, if it is one.
std::string payload_text(const fuzz::FuzzCall& c) {
  if (c.field_pointer.empty()) return {};
  nlohmann::json::json_pointer ptr(c.field_pointer);
  if (!c.arguments.contains(ptr)) return {};
  const auto& v = c.arguments.at(ptr);
  return v.is_string() ? v.get<std::string>() : std::string();
}

class CallJudge {
 public:
  explicit CallJudge(const DynamicTrace& t) : t_(t), at_(t) {}

  std::vector<Confirmation> run() {
    for (std::size_t i = 0; i < t_.incarnations.size(); ++i) {
      const auto& events = t_.incarnations[i].events;
      for (std::size_t j = 0; j < events.size(); ++j) judge_event(static_cast<int>(i), j, events[j]);
    }
    judge_lookups();
    for (std::size_t c = 0; c < t_.calls.size(); ++c) judge_call(static_cast<int>(c));
    return std::move(out_);
  }

  struct Lookup {
    int call;
    int inc;
    std::size_t idx;
  };

  // How long after its call's answer a connection still counts as following a lookup (a fetch
  // that the server did not await).
  static constexpr double kLookupGrace = 1.0;

  void judge_lookups() {
    for (const auto& l : lookups_) {
      const auto& events = t_.incarnations[l.inc].events;
      const Event& dns = events[l.idx];
      const CallTrace& ct = t_.calls[l.call];
      double until = (ct.incarnation == l.inc ? ct.end : dns.time) + kLookupGrace;
      for (std::size_t j = l.idx + 1; j < events.size() && events[j].time <= until; ++j) {
        const Event& e = events[j];
        bool connects = (e.kind == K::connect || e.kind == K::sinkhole_connection) && e.protocol != "unix" && e.port != 53;
        if (!connects) continue;
        const fuzz::FuzzCall& call = ct.call;
        if (is_network_call(call) && !is_ssrf_call(call)) break;
        if (is_network_call(call))
          add(Signal::ssrf, l.call, "sinkhole-connection",
              "the server " + network_phrase(dns) + ", the call's canary host, and " + network_phrase(e), l.inc, l.idx, &dns);
        else
          add(Signal::exfiltration, l.call, "sinkhole-connection",
              "what a call to tool '" + shown_text(call.tool) + "' gave it (arguments, or a file they named) left: it " + network_phrase(dns) + " and " + network_phrase(e),
              l.inc, l.idx, &dns);
        add(is_network_call(call) ? Signal::ssrf : Signal::exfiltration, l.call, "", "", l.inc, j, &e);
        break;
      }
    }
  }

 private:
  void add(Signal s, int call, std::string oracle, std::string detail, int inc = -1, std::size_t idx = 0,
           const Event* e = nullptr, std::string group = {}) {
    std::string key = std::string(to_string(s)) + '\0' + std::to_string(call) + '\0' + group;
    auto [it, fresh] = seen_.emplace(key, out_.size());
    if (!fresh) {
      Confirmation& known = out_[it->second];
      if (e && known.events.size() < 8) known.events.push_back(behaviour::event_evidence(*e));
      return;
    }
    Confirmation c;
    c.signal = s;
    c.call = call;
    c.oracle = std::move(oracle);
    c.detail = std::move(detail);
    c.incarnation = inc;
    c.event_index = idx;
    c.group = std::move(group);
    if (e) c.events.push_back(behaviour::event_evidence(*e));
    out_.push_back(std::move(c));
  }

  void judge_event(int inc, std::size_t idx, const Event& e) {
    Attribution a = at_.attribute(inc, e);
    if (a.phase == Phase::start_up) return;
    const fuzz::FuzzCall* call = a.call >= 0 ? &t_.calls[a.call].call : nullptr;
    switch (e.kind) {
      case K::exec:
        // The program run is the canary command itself (a shell looks it up along PATH), not a
        // shell whose command line merely mentions the canary file, which shares the name.
        if (a.by_token && std::filesystem::path(e.path).filename() == call->canary.command)
          add(Signal::command_injection, a.call, "canary-exec", "the canary command " + shown_text(call->canary.command) + " was executed",
              inc, idx, &e);
        return;
      case K::file_open:
      case K::file_write:
        judge_open(a, inc, idx, e);
        return;
      case K::canary_seen:
        judge_canary_seen(a, inc, idx, e);
        return;
      default:
        break;
    }
    if (!is_network_event(e)) return;
    // Resolving a name is not reaching it (a host checker resolves what it is given): a DNS
    // query counts only when a connection follows it in the call (judge_lookups).
    if (e.kind == K::dns_query) {
      if (a.by_token) lookups_.push_back({a.call, inc, idx});
      return;
    }
    if (a.by_token) {
      if (is_network_call(*call) && !is_ssrf_call(*call)) return;
      if (is_ssrf_call(*call)) add(Signal::ssrf, a.call, "sinkhole-connection", "the sandbox's network " + network_phrase(e) + " naming the call's canary", inc, idx, &e);
      else add(Signal::exfiltration, a.call, "sinkhole-connection", "what a call to tool '" + shown_text(call->tool) + "' gave it (arguments, or a file they named) left: it " + network_phrase(e), inc, idx, &e);
      return;
    }
    // A payload naming an address (loopback, a metadata IP) is told apart by its canary port.
    if ((e.kind == K::connect || e.kind == K::sinkhole_connection) && e.port > 0) {
      int by_port = at_.call_with_port(e.port);
      if (by_port >= 0 && by_port == a.call && is_ssrf_call(*call) &&
          payload_text(*call).find(std::to_string(e.port)) != std::string::npos)
        add(Signal::ssrf, a.call, "sinkhole-connection", "the server connected to the call's canary port: " + network_phrase(e), inc, idx, &e);
    }
  }

  void judge_open(const Attribution& a, int inc, std::size_t idx, const Event& e) {
    if (a.call < 0) return;
    const fuzz::FuzzCall& call = t_.calls[a.call].call;
    if (a.by_token && lexical(e.path) == lexical(call.canary.file) && opens_for_writing(e)) {
      add(Signal::command_injection, a.call, "canary-file", "the canary file " + shown_text(e.path) + " was created", inc, idx, &e);
      return;
    }
    if (counts_as_honeytoken(e, t_.home) && is_path_call(call)) {
      add(Signal::path_traversal, a.call, "honeytoken-read", "the decoy credential " + shown_text(e.path) + " was opened", inc, idx, &e);
      return;
    }
    // Through a symlink the fuzzer planted inside the root (it names the call's token) to the
    // decoy home: the recorder sees the path through the link.
    for (const auto& s : call.setup)
      if (a.by_token && s.kind == fuzz::SetupAction::Kind::symlink && lexical(e.path).starts_with(lexical(s.path) + "/") &&
          s.target.starts_with(t_.home)) {
        add(Signal::path_traversal, a.call, "honeytoken-read",
            "the decoy home was read through the planted link: " + shown_text(e.path) + " was opened", inc, idx, &e);
        return;
      }
    if (call.oracle != Oracle::file_outside_roots || a.phase != Phase::in_call) return;
    std::string target = payload_text(call);
    bool named = !target.empty() && target[0] == '/' && lexical(e.path) == lexical(target);
    for (const auto& s : call.setup) named = named || (s.kind == fuzz::SetupAction::Kind::file && lexical(e.path) == lexical(s.path));
    if (named && !opened_by_baseline(call.tool, e.path))
      add(Signal::path_traversal, a.call, "file-outside-roots", "the file " + shown_text(e.path) + " outside the server's root was opened", inc, idx, &e);
  }

  void judge_canary_seen(const Attribution& a, int inc, std::size_t idx, const Event& e) {
    bool in_output = e.detail.find("stdout") != std::string::npos || e.detail.find("stderr") != std::string::npos;
    if (in_output) {
      if (a.phase == Phase::in_call && is_path_call(t_.calls[a.call].call))
        add(Signal::path_traversal, a.call, "honeytoken-read", "the result carried the decoy secret '" + shown_text(e.canary) + "'", inc, idx, &e);
      return;
    }
    if (e.detail.find("file") != std::string::npos) return;  // written to a file: nothing left
    add(Signal::exfiltration, a.phase == Phase::in_call ? a.call : -1, "canary-left",
        "the decoy secret '" + shown_text(e.canary) + "' left (" + shown_text(e.detail) + ")", inc, idx, &e, e.canary);
  }

  // A file a tool opens on every call (its config, /etc/passwd for the user name) is not what a
  // payload reached: the tool's baseline call opened it too.
  bool opened_by_baseline(const std::string& tool, const std::string& path) const {
    for (const auto& c : t_.calls) {
      if (c.call.tool != tool || !c.call.baseline || c.outcome == CallOutcome::not_sent) continue;
      if (c.incarnation < 0 || static_cast<std::size_t>(c.incarnation) >= t_.incarnations.size()) return false;
      for (const auto& e : t_.incarnations[c.incarnation].events)
        if (e.time >= c.start && e.time <= c.end && (e.kind == K::file_open) && lexical(e.path) == lexical(path)) return true;
    }
    return false;
  }

  void judge_call(int index) {
    const CallTrace& c = t_.calls[index];
    if (c.canary_file_found)
      add(Signal::command_injection, index, "canary-file", "the canary file " + shown_text(c.call.canary.file) + " appeared");
    if (c.call.oracle == Oracle::canary_in_output && !c.call.expect.empty() &&
        c.result_text.find(c.call.expect) != std::string::npos)
      add(Signal::injection_in_output, index, "canary-in-output",
          "the result carried " + shown_text(c.call.expect) + ", which only evaluating the payload produces");
    if (c.outcome == CallOutcome::crashed)
      add(Signal::crash, index, "crash-or-hang", "the server " + shown_text(c.detail) + " while the call was pending");
    if (c.outcome == CallOutcome::hung)
      add(Signal::hang, index, "crash-or-hang", shown_text(c.detail));
  }

  const DynamicTrace& t_;
  Attributor at_;
  std::vector<Confirmation> out_;
  std::map<std::string, std::size_t> seen_;
  std::vector<Lookup> lookups_;
};

void collect_strings(const nlohmann::json& j, std::vector<std::string>& out) {
  if (j.is_string()) out.push_back(j.get<std::string>());
  else if (j.is_array() || j.is_object())
    for (const auto& v : j) collect_strings(v, out);
}

}  // namespace

std::vector<Confirmation> judge_calls(const DynamicTrace& trace) { return CallJudge(trace).run(); }

namespace {

void erase_all(std::string& text, const std::string& what) {
  if (what.size() < 6) return;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at)) text.erase(at, what.size());
}

// The result with every argument we sent in the calls it names (by their tokens) cut out, raw
// and JSON-escaped: what is left is what the server wrote itself.
std::string own_text(const CallTrace& c, const DynamicTrace& trace, const std::map<std::string, int>& by_token) {
  std::string text = c.result_text;
  std::set<int> calls = {static_cast<int>(&c - trace.calls.data())};
  for (const auto& token : fuzz::find_canary_tokens(text))
    if (auto it = by_token.find(token); it != by_token.end()) calls.insert(it->second);
  for (int i : calls) {
    std::vector<std::string> strings;
    collect_strings(trace.calls[i].call.arguments, strings);
    for (const auto& sent : strings) {
      erase_all(text, sent);
      std::string escaped = nlohmann::json(sent).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      erase_all(text, escaped.substr(1, escaped.size() - 2));
    }
  }
  return text;
}

}  // namespace

// Lower-cased with runs of whitespace folded to one space: close to the engine's normalized
// match text, so a match can be looked up in what we sent.
std::string folded(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

std::vector<Confirmation> judge_results(const DynamicTrace& trace, const rules::MetadataEngine& metadata) {
  // A server that stores a note and returns it later is not poisoning its output: what the
  // fuzzer sent is cut out of each result (the calls are found by the tokens the result holds),
  // and a match on text we sent (echoed cut, re-cased or quoted) is dropped.
  std::map<std::string, int> by_token;
  constexpr std::size_t kSentBound = 8u << 20;
  std::string sent;
  for (std::size_t i = 0; i < trace.calls.size(); ++i) {
    by_token[trace.calls[i].call.canary.token] = static_cast<int>(i);
    std::vector<std::string> strings;
    collect_strings(trace.calls[i].call.arguments, strings);
    for (const auto& str : strings)
      if (sent.size() < kSentBound) sent += folded(str.substr(0, 4096)) + '\n';
  }
  std::vector<Confirmation> out;
  std::set<std::pair<std::string, std::string>> reported;  // (tool, rule)
  for (std::size_t i = 0; i < trace.calls.size(); ++i) {
    const CallTrace& c = trace.calls[i];
    if (c.result_text.empty()) continue;
    std::string text = own_text(c, trace, by_token);
    for (const auto& h : metadata.evaluate(rules::FieldKind::tool_description, text)) {
      if (h.severity < Severity::medium || h.confidence < Confidence::medium) continue;
      // Rules about instructions to the model; a secret or a look-alike name in data is not one.
      const auto& tags = h.rule->info.tags;
      if (std::find(tags.begin(), tags.end(), "tool-poisoning") == tags.end()) continue;
      if (std::string m = folded(h.match); m.size() >= 4 && sent.find(m) != std::string::npos) continue;
      if (!reported.emplace(c.call.tool, h.rule->info.id).second) continue;
      Confirmation conf;
      conf.signal = Signal::output_poisoning;
      conf.call = static_cast<int>(i);
      conf.oracle = "metadata-rules-on-output";
      conf.detail = h.rule->info.id + " " + h.rule->info.name + " matched \"" + mcp::escape_for_message(h.match, 160) + "\"" +
                    (h.encoding.empty() ? "" : " (decoded from " + h.encoding + ")");
      conf.group = h.rule->info.id;
      out.push_back(std::move(conf));
    }
  }
  return out;
}

std::vector<Confirmation> judge_unexplained(const DynamicTrace& trace) {
  Attributor at(trace);
  std::vector<Confirmation> out;
  std::set<std::string> seen;
  auto add = [&](Signal s, int call, const std::string& group, std::string detail, int inc, std::size_t idx, const Event& e) {
    std::string key = std::string(to_string(s)) + '\0' + std::to_string(call < 0 ? -1 : 0) + group;
    if (!seen.insert(key).second) return;
    Confirmation c;
    c.signal = s;
    c.call = call;
    c.oracle = call < 0 ? "no-call-explains" : "no-payload-explains";
    c.detail = std::move(detail);
    c.events.push_back(behaviour::event_evidence(e));
    c.incarnation = inc;
    c.event_index = idx;
    c.group = group;
    out.push_back(std::move(c));
  };
  for (std::size_t i = 0; i < trace.incarnations.size(); ++i) {
    const auto& events = trace.incarnations[i].events;
    for (std::size_t j = 0; j < events.size(); ++j) {
      const Event& e = events[j];
      Attribution a = at.attribute(static_cast<int>(i), e);
      if (a.phase == Phase::start_up || a.by_token) continue;
      int inc = static_cast<int>(i);
      if (e.kind == K::file_open && counts_as_honeytoken(e, trace.home)) {
        if (a.phase == Phase::between_calls)
          add(Signal::unexplained_honeytoken, -1, e.path, shown_text(e.path) + " between tool calls", inc, j, e);
        else if (!is_path_call(trace.calls[a.call].call))
          add(Signal::unexplained_honeytoken, a.call, e.path,
              shown_text(e.path) + " while tool '" + shown_text(trace.calls[a.call].call.tool) + "' answered a call that named no file",
              inc, j, e);
        continue;
      }
      if (a.phase != Phase::between_calls) continue;
      if (e.kind == K::exec) {
        add(Signal::unexplained_exec, -1, e.path, shown_text(e.path), inc, j, e);
      } else if (e.kind == K::dns_query) {
        add(Signal::unexplained_network, -1, e.name, "looked up " + shown_text(e.name), inc, j, e);
      } else if ((e.kind == K::connect || e.kind == K::sendto) && e.protocol != "unix" && !e.address.empty() &&
                 !(is_loopback(e.address) && e.port == 53)) {
        add(Signal::unexplained_network, -1, e.address + ":" + std::to_string(e.port), network_phrase(e), inc, j, e);
      }
    }
  }
  for (const auto& p : trace.left_running) {
    Confirmation c;
    c.signal = Signal::process_left_running;
    c.oracle = "no-call-explains";
    c.detail = shown_text(p.program) + (p.argv.empty() ? "" : " [" + mcp::escape_for_message(p.argv, 200) + "]") + " (pid " +
               std::to_string(p.pid) + ")";
    c.group = p.program;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace assay::dynamic

#include "scanner/dynamic/list_diff.h"

namespace assay::dynamic {

std::vector<Confirmation> judge_relistings(const DynamicTrace& trace) {
  std::vector<Confirmation> out;
  for (const auto& r : trace.relistings) {
    std::vector<std::string> lines = diff_declarations(trace.initial, r.declarations);
    if (lines.empty()) continue;
    Confirmation c;
    c.signal = Signal::rug_pull;
    c.oracle = "relisting-diff";
    c.detail = std::to_string(lines.size()) + " change" + (lines.size() == 1 ? "" : "s") + " " + r.when + ": ";
    for (std::size_t i = 0; i < lines.size(); ++i) c.detail += (i ? "; " : "") + lines[i];
    c.group = "rug-pull";
    out.push_back(std::move(c));
    break;  // the first relisting that differs is the proof; later ones repeat it
  }
  return out;
}

}  // namespace assay::dynamic
