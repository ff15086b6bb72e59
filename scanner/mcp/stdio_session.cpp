// The stdio session: JSON-RPC requests over a launched server's pipes, with every failure
// turned into one clear line and the server's process group killed on the way out.
#include "scanner/mcp/stdio_session.h"

#include <signal.h>

#include <algorithm>
#include <optional>
#include <thread>
#include <utility>

#include "scanner/mcp/escape.h"
#include "scanner/mcp/handshake.h"
#include "scanner/mcp/json_guard.h"
#include "scanner/mcp/process.h"
#include "scanner/mcp/server_pipes.h"
#include "scanner/model/error.h"

namespace assay::mcp {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

// How often a wait checks whether the server died while a descendant keeps its stdout open.
constexpr milliseconds kLivenessSlice{100};
// How long a server that closed a pipe gets to finish exiting, so we can report its status.
constexpr milliseconds kExitWait{500};
// How long a dead server's stderr is still read for the line that says why it died.
constexpr milliseconds kLastWordsWait{300};

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

std::string ms(milliseconds d) { return std::to_string(d.count()) + " ms"; }

// now + d without overflow, for callers who pass milliseconds::max() to mean "no limit".
Clock::time_point after(Clock::time_point now, milliseconds d) {
  if (d <= milliseconds::zero()) return now;
  if (d >= std::chrono::duration_cast<milliseconds>(Clock::time_point::max() - now)) return Clock::time_point::max();
  return now + d;
}

LaunchSpec with_backstop(LaunchSpec spec, const ClientLimits& limits) {
  if (spec.sandbox.enabled && spec.sandbox.wall_clock_seconds <= 0)
    spec.sandbox.wall_clock_seconds = std::chrono::duration<double>(limits.total_timeout).count() + 10;
  return spec;
}

}  // namespace

struct StdioSession::Impl {
  ClientLimits limits;
  std::unique_ptr<ServerProcess> process;
  ServerPipes pipes;
  Clock::time_point session_deadline;
  int64_t next_id = 1;
  std::optional<std::string> dead;  // why the session failed for good
  bool closed = false;
  bool warned_repair = false;
  std::vector<std::string> warnings;
  std::vector<std::string> notifications;  // methods, bounded

  Impl(const LaunchSpec& spec, const ClientLimits& l)
      : limits(l),
        process(launch_server(with_backstop(spec, l))),
        pipes(std::move(process->stdin_pipe()), std::move(process->stdout_pipe()), std::move(process->stderr_pipe()),
              {l.max_message_bytes, l.max_total_bytes, l.max_stderr_bytes}),
        session_deadline(after(Clock::now(), l.total_timeout)) {}

  ~Impl() { process->kill_and_reap(); }

  [[noreturn]] void die(const std::string& what) {
    dead = what;
    process->kill_and_reap();
    throw target_error(what);
  }

  void check_usable() {
    if (dead) throw target_error(*dead);
    if (closed) throw target_error("the session with the server is closed");
  }

  std::string stderr_suffix(const char* separator) const {
    std::string last = pipes.stderr_tail().last_line();
    return last.empty() ? std::string() : separator + last;
  }

  bool wait_for_exit(Clock::time_point until) {
    while (!process->has_exited()) {
      if (Clock::now() >= until) return false;
      if (pipes.output_ended()) std::this_thread::sleep_for(milliseconds(5));
      else pipes.drain(std::min(until, Clock::now() + milliseconds(25)));
    }
    return true;
  }

  // The server went away (closed a pipe or exited) `context` ("before answering initialize"):
  // say how, with its last stderr line.
  [[noreturn]] void die_gone(const std::string& context, const char* how_if_alive) {
    wait_for_exit(Clock::now() + kExitWait);
    pipes.drain(Clock::now() + kLastWordsWait);
    std::string how = process->has_exited() ? process->exit_description() : how_if_alive;
    std::string last = stderr_suffix(": ");
    die("server " + how + " " + context + (last.empty() ? " (stderr was empty)" : last));
  }

  [[noreturn]] void time_out(const std::string& method, milliseconds timeout, bool by_session) {
    std::string what = by_session ? "the session exceeded its total timeout of " + ms(limits.total_timeout) +
                                        " waiting for the answer to " + method
                                  : "server did not answer " + method + " within " + ms(timeout);
    throw target_error(what + stderr_suffix("; last stderr line: "));
  }

  void send(const json& message, Clock::time_point deadline, const std::string& method) {
    std::string text = message.dump(-1, ' ', false, json::error_handler_t::replace);
    text += '\n';
    ServerPipes::WriteStatus status;
    try {
      status = pipes.write_all(text, deadline);
    } catch (const PipeLimitExceeded& e) {
      die(std::string(e.what()) + " while we sent " + method);
    }
    if (status == ServerPipes::WriteStatus::closed) die_gone("while we sent " + method, "closed its stdin");
    // Part of the message may be in the pipe; the stream is no longer framed.
    if (status == ServerPipes::WriteStatus::timed_out) die("server stopped reading its stdin while we sent " + method);
  }

  json parse(std::string line, const std::string& method) {
    std::string head = line.substr(0, 81);
    try {
      UntrustedJson parsed = parse_untrusted_json(std::move(line), limits.max_json_depth);
      if (parsed.repaired && !warned_repair) {
        warned_repair = true;
        warnings.push_back("server sent ill-formed UTF-8 or lone UTF-16 surrogates; replaced with U+FFFD");
      }
      return std::move(parsed.value);
    } catch (const JsonRejected& e) {
      if (e.reason() == JsonRejected::Reason::too_deep)
        die("server sent JSON nested deeper than " + std::to_string(limits.max_json_depth) +
            " levels while answering " + method);
      die("server wrote a non-JSON line to stdout while answering " + method + ": \"" +
          escape_for_message(head, 80) + "\"");
    }
  }

  // Handles one message from the server; returns the response when it answers request `id`.
  std::optional<RpcResponse> handle(const json& message, int64_t id, Clock::time_point deadline,
                                    const std::string& method) {
    switch (classify(message)) {
      case MessageKind::response:
        // id null: the server could not read our request's id; ours is the only one pending.
        if (response_matches(message, id) || message["id"].is_null()) return to_response(message);
        return std::nullopt;  // a late answer to a request that timed out
      case MessageKind::request:
        send(answer_server_request(message), deadline, method);
        return std::nullopt;
      case MessageKind::notification:
        if (notifications.size() < 64 && message["method"].is_string())
          notifications.push_back(message["method"].get<std::string>());
        return std::nullopt;
      case MessageKind::invalid:
        return std::nullopt;
    }
    return std::nullopt;
  }

  RpcResponse request(const std::string& method, const json& params, milliseconds timeout) {
    check_usable();
    const auto own_deadline = after(Clock::now(), timeout);
    const bool by_session = own_deadline >= session_deadline;
    const auto deadline = by_session ? session_deadline : own_deadline;
    const int64_t id = next_id++;
    send(make_request(id, method, params), deadline, method);

    std::string line;
    for (;;) {
      ServerPipes::ReadStatus status;
      try {
        status = pipes.read_line(line, std::min(deadline, Clock::now() + kLivenessSlice));
      } catch (const PipeLimitExceeded& e) {
        die(std::string(e.what()) + " while answering " + method);
      }
      if (status == ServerPipes::ReadStatus::end_of_stream) die_gone("before answering " + method, "closed its stdout");
      if (status == ServerPipes::ReadStatus::timed_out) {
        if (process->has_exited()) die_gone("before answering " + method, "closed its stdout");
        if (Clock::now() >= deadline) time_out(method, timeout, by_session);
        continue;
      }
      if (is_blank(line)) continue;
      process->check_output(line, "the server's stdout");
      json message = parse(std::move(line), method);
      if (message.is_array()) {  // a batch (allowed by protocol 2025-03-26)
        for (const auto& element : message)
          if (auto response = handle(element, id, deadline, method)) return *response;
      } else if (auto response = handle(message, id, deadline, method)) {
        return *response;
      }
    }
  }

  void notify(const std::string& method, const json& params) {
    check_usable();
    send(make_notification(method, params), std::min(session_deadline, after(Clock::now(), limits.request_timeout)),
         method);
  }

  void close(milliseconds grace) {
    if (closed) return;
    closed = true;
    pipes.close_stdin();
    if (!dead && !wait_for_exit(after(Clock::now(), grace))) {
      process->terminate();
      wait_for_exit(Clock::now() + milliseconds(1000));
    }
    // Whatever the server left running in its group goes too.
    process->kill_and_reap();
    process->check_output(pipes.stderr_tail().text(), "the server's stderr");
  }
};

StdioSession::StdioSession(const LaunchSpec& spec, const ClientLimits& limits)
    : impl_(std::make_unique<Impl>(spec, limits)) {}

StdioSession::~StdioSession() = default;

ServerInfo StdioSession::initialize() {
  RpcResponse response = impl_->request("initialize", initialize_params(), impl_->limits.request_timeout);
  ServerInfo info = server_info_from_initialize(response, impl_->warnings);
  impl_->notify("notifications/initialized", nullptr);
  return info;
}

RpcResponse StdioSession::request(const std::string& method, const json& params, milliseconds timeout) {
  return impl_->request(method, params, timeout);
}

RpcResponse StdioSession::request(const std::string& method, const json& params) {
  return impl_->request(method, params, impl_->limits.request_timeout);
}

void StdioSession::notify(const std::string& method, const json& params) { impl_->notify(method, params); }

void StdioSession::close(milliseconds grace) { impl_->close(grace); }

std::string StdioSession::stderr_tail() const { return impl_->pipes.stderr_tail().text(); }

const std::vector<std::string>& StdioSession::warnings() const { return impl_->warnings; }

int StdioSession::pid() const { return impl_->process->pid(); }

std::optional<SandboxOutcome> StdioSession::sandbox_outcome() const { return impl_->process->sandbox_outcome(); }

double StdioSession::sandbox_clock() const { return impl_->process->sandbox_clock(); }

bool StdioSession::failed() const { return impl_->dead.has_value(); }

std::vector<std::string> StdioSession::take_notifications() { return std::exchange(impl_->notifications, {}); }

}  // namespace assay::mcp
