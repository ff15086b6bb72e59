// The supervisor's side of the control channel: what each message from init means, and the
// on-demand listeners the recorder asks for.
#include <chrono>

#include "sandbox/control_channel.h"
#include "sandbox/decoy/honeytoken_path.h"
#include "sandbox/net/sinkhole.h"
#include "sandbox/recorder/syscall_recorder.h"
#include "sandbox/sandbox.h"
#include "sandbox/supervisor_text.h"

namespace assay::sandbox {

namespace {

constexpr double kListenerDeadlineSeconds = 2;

}  // namespace

void Sandbox::handle_message(ControlMessage& m) {
  const std::string type = m.body["type"].get<std::string>();
  if (type == "listener") {
    if (m.fds.empty()) return;
    int port = m.body.value("port", 0), family = m.body.value("family", 4);
    if (m.body.value("proto", "tcp") == "udp") sinkhole_->add_dns_socket(m.fds[0].release());
    else sinkhole_->add_tcp_listener(m.fds[0].release(), port);
    std::lock_guard lock(mutex_);
    if (m.body.value("proto", "tcp") == "tcp") listeners_[{port, family}] = 1;
    changed_.notify_all();
  } else if (type == "listener_failed") {
    std::lock_guard lock(mutex_);
    listeners_[{m.body.value("port", 0), m.body.value("family", 4)}] = -1;
    changed_.notify_all();
  } else if (type == "notify_fd" || type == "target_started") {
    if (type == "notify_fd" && !m.fds.empty()) {
      RecorderHooks hooks;
      hooks.work_dir = work_dir_inside_;
      hooks.is_honeytoken = [home = home_](const std::string& path) { return is_honeytoken_path(path, home); };
      hooks.before_connect = [this](const std::string& address, int port, const std::string& protocol) {
        open_listener_for(address, port, protocol);
      };
      recorder_ = std::make_unique<SyscallRecorder>(m.fds[0].release(), log_, std::move(hooks));
      recorder_->start();
    } else if (config_.record) {
      std::lock_guard lock(mutex_);
      level_ = {IsolationLevel::partial, "recording unavailable (the seccomp filter could not be loaded)"};
      log_.add(note("sandbox level " + describe(level_)));
    }
    std::lock_guard lock(mutex_);
    target_pid_ = m.sender_pid;
    started_ = true;
    changed_.notify_all();
  } else if (type == "ready") {
    for (const auto& n : m.body.value("notes", nlohmann::json::array())) log_.add(note(n.get<std::string>()));
  } else if (type == "setup_failed") {
    std::lock_guard lock(mutex_);
    std::string what = m.body.value("what", "unknown failure");
    if (m.body.value("fatal", true)) {
      failure_ = what;
    } else {
      level_ = {IsolationLevel::partial, what};
      log_.add(note("sandbox level " + describe(level_)));
    }
    changed_.notify_all();
  } else if (type == "event" && m.body.value("kind", "") == "limit_hit") {
    Event e;
    e.kind = EventKind::limit_hit;
    e.detail = m.body.value("limit", "") + ": " + m.body.value("detail", "");
    log_.add(e);
  } else if (type == "target_exit") {
    // The recorder saw a normal exit at exit_group already; a death by signal only init sees.
    bool recorded = false;
    pid_t target = pid();
    for (const auto& seen : log_.snapshot())
      recorded |= seen.kind == EventKind::process_exit && seen.pid == target;
    Event e;
    e.kind = EventKind::process_exit;
    std::lock_guard lock(mutex_);
    e.pid = target_pid_;
    if (m.body.contains("signal")) {
      exit_signal_ = m.body["signal"].get<int>();
      e.detail = "killed by signal " + signal_text(exit_signal_);
    } else {
      exit_status_ = m.body.value("status", 0);
      e.flags = exit_status_;
      e.detail = "exited with code " + std::to_string(exit_status_);
    }
    if (!recorded || exit_signal_) log_.add(e);
    exited_ = true;
    changed_.notify_all();
  }
}

// Called on the recorder's thread while the tracee's connect waits: the listener must be in the
// sinkhole before the connect continues, or the target would see "connection refused".
void Sandbox::open_listener_for(const std::string& address, int port, const std::string& protocol) {
  // "inet": the recorder could not inspect the socket; a listener costs little, a missed
  // connection loses the evidence.
  if ((protocol != "tcp" && protocol != "inet") || port <= 0 || port > 65535) return;
  int family = address.find(':') != std::string::npos ? 6 : 4;
  std::unique_lock lock(mutex_);
  if (listeners_.count({port, family}) || exited_) return;
  lock.unlock();
  {
    std::lock_guard send_lock(send_mutex_);
    try {
      send_control(control_.get(), {{"type", "open_listener"}, {"port", port}, {"family", family}});
    } catch (const std::exception&) {
      return;
    }
  }
  lock.lock();
  changed_.wait_for(lock, std::chrono::duration<double>(kListenerDeadlineSeconds),
                    [&] { return listeners_.count({port, family}) || exited_; });
}

}  // namespace assay::sandbox
