// Runs a command under the recording filter (no namespaces) and collects what the recorder saw.
#pragma once
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "sandbox/recorder/recorded_child.h"
#include "sandbox/recorder/syscall_recorder.h"

namespace assay::sandbox::testing {

struct Recording {
  std::vector<Event> events;
  pid_t pid = -1;
  int status = -1;
};

inline const RecordingFilter& test_filter() {
  static const RecordingFilter filter = prepare_recording_filter(recorded_child_handoff_fd());
  return filter;
}

// Waits at most `seconds` for the child, then kills it: a test must never hang on a tracee.
inline int wait_or_kill(pid_t pid, double seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status;
}

inline Recording record(const std::vector<std::string>& argv, RecorderHooks hooks = {},
                        const std::vector<std::string>& env = {"PATH=/usr/bin:/bin"}) {
  EventLog log;
  const int quiet = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  RecordedChildIo io;
  io.stderr_fd = quiet;
  RecordedChild child = spawn_recorded(argv, env, test_filter(), io);
  ::close(quiet);
  SyscallRecorder recorder(child.notify_fd.release(), log, std::move(hooks));
  recorder.start();
  Recording result;
  result.pid = child.pid;
  result.status = wait_or_kill(child.pid, 30);
  recorder.stop();
  result.events = log.snapshot();
  return result;
}

// What the dynamic loader, libc and bash do on their own in every process (library and locale
// loading, user lookups, the terminal probe): not what the script under test did.
inline bool is_runtime_noise(const Event& e) {
  static const char* const kPrefixes[] = {"/etc/ld.so", "/lib/",  "/lib64/", "/usr/lib/",
                                          "/etc/nsswitch.conf", "/etc/passwd", "/etc/group",
                                          "/proc/",      "/dev/tty", "/usr/share/locale",
                                          "/etc/localtime", "/usr/lib/locale"};
  if (e.kind == EventKind::file_open)
    for (const char* prefix : kPrefixes)
      if (e.path.rfind(prefix, 0) == 0) return true;
  return e.kind == EventKind::connect && e.protocol == "unix" && e.address.find("nscd") != std::string::npos;
}

inline std::vector<Event> without_noise(const std::vector<Event>& events) {
  std::vector<Event> kept;
  for (const auto& e : events)
    if (!is_runtime_noise(e)) kept.push_back(e);
  return kept;
}

inline std::vector<Event> only(const std::vector<Event>& events, std::initializer_list<EventKind> kinds) {
  std::vector<Event> kept;
  for (const auto& e : events)
    for (EventKind k : kinds)
      if (e.kind == k) kept.push_back(e);
  return kept;
}

// The text line without the time and pid columns, which no test can predict (pids are checked
// apart).
inline std::string line(const Event& e) {
  const std::string text = to_text(e);
  const std::size_t kind = text.find(' ', text.find(" pid ") + 5);
  return text.substr(kind + 1);
}

inline std::vector<std::string> lines(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(line(e));
  return out;
}

// For failure messages: doctest cannot print a vector.
inline std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (const auto& t : texts) out += "\n  " + t;
  return out;
}

// A per-test temporary directory, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char pattern[] = "/tmp/assay-recorder-XXXXXX";
    path = ::mkdtemp(pattern);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::string str() const { return path.string(); }
};

}  // namespace assay::sandbox::testing
