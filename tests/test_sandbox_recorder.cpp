// The seccomp recorder on real programs (sh, bash, coreutils, python3), without namespaces: the
// exact events for each behaviour, and a recorder that survives whatever the tracee does.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <fstream>

#include "sandbox/recorder/recording_filter.h"
#include "tests/test_sandbox_recorder_support.h"

using namespace assay::sandbox;
using namespace assay::sandbox::testing;

namespace {

// A port nothing listens on: bound, read, closed.
int closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

void write_file(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_SUITE("sandbox recorder") {

TEST_CASE("this kernel delivers seccomp user notifications") {
  std::string why;
  CHECK_MESSAGE(recording_available(&why), why);
  CHECK(test_filter().program.size() > 10);
}

TEST_CASE("an empty filter program is refused with EINVAL, not loaded") {
  errno = 0;
  CHECK(load_recording_filter(RecordingFilter{}) == -1);
  CHECK(errno == EINVAL);
}

TEST_CASE("a shell that opens, connects, execs, renames and signals is recorded exactly") {
  TempDir dir;
  const std::string t = dir.str();
  write_file(t + "/in.txt", "hello\n");
  write_file(t + "/a", "a\n");
  const int port = closed_port();
  const std::string bash_script = "echo x > /dev/tcp/127.0.0.1/" + std::to_string(port);
  const std::string script = ": < " + t + "/in.txt; bash -c \"" + bash_script + "\"; /bin/true a b; mv " +
                             t + "/a " + t + "/b; kill -s TERM 99999999; exit 3";
  std::vector<std::string> hook_calls;
  RecorderHooks hooks;
  hooks.work_dir = t + "/work";
  hooks.before_connect = [&](const std::string& address, int p, const std::string& protocol) {
    hook_calls.push_back(address + " " + std::to_string(p) + " " + protocol);
  };
  Recording run = record({"/bin/sh", "-c", script}, hooks);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 3);

  const auto events = without_noise(run.events);
  INFO("recorded:", joined(lines(events)));
  CHECK(lines(events) == std::vector<std::string>{
                             "exec /bin/sh [/bin/sh -c '" + script + "']",
                             "file_open " + t + "/in.txt flags=00",
                             "exec /usr/bin/bash [bash -c '" + bash_script + "']",
                             "connect tcp 127.0.0.1:" + std::to_string(port),
                             "process_exit status=1",
                             "exec /bin/true [/bin/true a b]",
                             "process_exit status=0",
                             "exec /usr/bin/mv [mv " + t + "/a " + t + "/b]",
                             "file_rename " + t + "/a -> " + t + "/b",
                             "process_exit status=0",
                             "signal target=99999999 sig=15",
                             "process_exit status=3",
                         });
  REQUIRE(events.size() == 12);
  // The shell's own calls carry its pid; each command it ran, the pid of its own child.
  for (std::size_t i : {0, 1, 10, 11}) CHECK(events[i].pid == run.pid);
  CHECK(events[2].pid != run.pid);
  CHECK(events[3].pid == events[2].pid);
  CHECK(events[4].pid == events[2].pid);
  CHECK(events[5].pid != events[2].pid);
  CHECK(hook_calls == std::vector<std::string>{"127.0.0.1 " + std::to_string(port) + " tcp"});
  for (std::size_t i = 1; i < run.events.size(); ++i) CHECK(run.events[i].seq == run.events[i - 1].seq + 1);
}

TEST_CASE("file changes inside the work dir are no events; outside they are, and honeytokens are flagged") {
  TempDir dir;
  const std::string work = dir.str() + "/work", out = dir.str() + "/out";
  std::filesystem::create_directories(work + "/notes");
  std::filesystem::create_directories(out);
  write_file(work + "/secret.txt", "canary\n");
  write_file(work + "/inside2", "x\n");
  write_file(out + "/old.txt", "x\n");
  const std::string script = "cd " + work + " && : < ./notes/../secret.txt; echo x > inside.txt; echo y > " + out +
                             "/outside.txt; rm inside.txt; rm " + out + "/old.txt; chmod 600 " + out +
                             "/outside.txt; mkdir " + out + "/dir; mv inside2 " + out + "/moved";
  RecorderHooks hooks;
  hooks.work_dir = work;
  hooks.is_honeytoken = [&](const std::string& path) { return path == work + "/secret.txt"; };
  Recording run = record({"/bin/sh", "-c", script}, hooks);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 0);
  const auto events = only(without_noise(run.events),
                           {EventKind::file_open, EventKind::file_write, EventKind::file_delete,
                            EventKind::file_rename, EventKind::file_chmod});
  INFO("recorded:", joined(lines(events)));
  CHECK(lines(events) == std::vector<std::string>{
                             "file_open " + work + "/secret.txt flags=00 HONEYTOKEN",
                             "file_open " + work + "/inside.txt flags=01101",
                             "file_write " + out + "/outside.txt flags=01101",
                             "file_delete " + out + "/old.txt",
                             "file_chmod " + out + "/outside.txt mode=0600",
                             "file_write " + out + "/dir flags=00 mkdir",
                             "file_rename " + work + "/inside2 -> " + out + "/moved",
                         });
}

TEST_CASE("a shell's PATH search records the one program it runs, not every directory tried") {
  Recording run = record({"/bin/sh", "-c", "ls / > /dev/null; exit 0"}, {},
                         {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"});
  const auto execs = only(run.events, {EventKind::exec});
  CHECK(lines(execs) == std::vector<std::string>{"exec /bin/sh [/bin/sh -c 'ls / > /dev/null; exit 0']",
                                                 "exec /usr/bin/ls [ls /]"});
}

TEST_CASE("argv is cut at 64 arguments of at most 4 KiB each") {
  std::vector<std::string> argv{"/bin/true"};
  for (int i = 0; i < 100; ++i) argv.push_back(std::string(5000, static_cast<char>('a' + i % 26)));
  Recording run = record(argv);
  const auto execs = only(run.events, {EventKind::exec});
  REQUIRE(execs.size() == 1);
  CHECK(execs[0].argv.size() == 64);
  CHECK(execs[0].argv[0] == "/bin/true");
  CHECK(execs[0].argv[1] == std::string(4096, 'a'));
  CHECK(execs[0].detail == "argv truncated at 64");
}

TEST_CASE("datagrams with a destination, binds, listens, UDP connects and ptrace are recorded") {
  const int port = closed_port();
  const std::string program =
      "import socket, ctypes\n"
      "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
      "u.sendto(b'canary-123', ('127.0.0.1', " + std::to_string(port) + "))\n"
      "u.sendmsg([b'via-sendmsg'], [], 0, ('127.0.0.1', " + std::to_string(port) + "))\n"
      "t = socket.socket(); t.bind(('127.0.0.1', 0)); t.listen(1)\n"
      "c = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); c.connect(('::1', 53))\n"
      "ctypes.CDLL(None).ptrace(2, 1, 0, 0)\n";
  std::vector<std::string> hook_calls;
  RecorderHooks hooks;
  hooks.before_connect = [&](const std::string& address, int p, const std::string& protocol) {
    hook_calls.push_back(address + " " + std::to_string(p) + " " + protocol);
  };
  Recording run = record({"/usr/bin/python3", "-S", "-c", program}, hooks);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 0);
  auto events = only(run.events, {EventKind::sendto, EventKind::bind, EventKind::listen,
                                  EventKind::connect, EventKind::ptrace});
  REQUIRE(events.size() == 6);
  const std::string p = std::to_string(port);
  CHECK(line(events[0]) == "sendto udp 127.0.0.1:" + p + " data=\"canary-123\"");
  CHECK(line(events[1]) == "sendto udp 127.0.0.1:" + p + " data=\"via-sendmsg\"");
  CHECK(line(events[2]) == "bind tcp 127.0.0.1");  // port 0: the kernel picks one
  CHECK(events[3].kind == EventKind::listen);
  CHECK(events[3].protocol == "tcp");
  CHECK(events[3].address == "127.0.0.1");
  CHECK(events[3].port > 0);
  CHECK(line(events[4]) == "connect udp [::1]:53");
  CHECK(line(events[5]) == "ptrace target=1 request=2");
  CHECK(hook_calls == std::vector<std::string>{"127.0.0.1 " + p + " udp", "127.0.0.1 " + p + " udp", "::1 53 udp"});
}

TEST_CASE("a tracee killed in the middle of a burst of opens leaves a recorder that stops cleanly") {
  EventLog log;
  RecordedChild child = spawn_recorded({"/bin/sh", "-c", "while :; do : < /etc/hostname; done"},
                                       {"PATH=/usr/bin:/bin"}, test_filter());
  SyscallRecorder recorder(child.notify_fd.release(), log, {});
  recorder.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  ::kill(child.pid, SIGKILL);
  int status = 0;
  ::waitpid(child.pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  recorder.stop();
  recorder.stop();  // idempotent
  CHECK(recorder.answered() > 10);
  CHECK(log.snapshot().size() > 10);
}

TEST_CASE("stop returns at once while the tracee still runs") {
  EventLog log;
  RecordedChild child = spawn_recorded({"/bin/sleep", "5"}, {}, test_filter());
  auto recorder = std::make_unique<SyscallRecorder>(child.notify_fd.release(), log, RecorderHooks{});
  recorder->start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto before = std::chrono::steady_clock::now();
  recorder.reset();  // the destructor stops
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(1));
  ::kill(child.pid, SIGKILL);
  ::waitpid(child.pid, nullptr, 0);
}

TEST_CASE("a hook that throws loses its event but the tracee carries on") {
  RecorderHooks hooks;
  hooks.is_honeytoken = [](const std::string&) -> bool { throw std::runtime_error("hook failed"); };
  Recording run = record({"/bin/sh", "-c", ": < /etc/hostname; exit 7"}, hooks);
  REQUIRE(WIFEXITED(run.status));
  CHECK(WEXITSTATUS(run.status) == 7);
  CHECK(only(run.events, {EventKind::file_open}).empty());
  CHECK(lines(only(run.events, {EventKind::process_exit})) == std::vector<std::string>{"process_exit status=7"});
}

}  // TEST_SUITE
