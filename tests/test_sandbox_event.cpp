// Events as JSON and as text lines, and the bounded log that numbers them.
#include <doctest/doctest.h>

#include <thread>

#include "sandbox/event.h"

using namespace assay::sandbox;

namespace {
Event make_event(EventKind kind, int pid, double time = 0) {
  Event e;
  e.kind = kind;
  e.pid = pid;
  e.time = time;
  return e;
}
}  // namespace

TEST_CASE("an exec event renders as JSON with only the fields it carries") {
  Event e;
  e.seq = 3;
  e.time = 0.25;
  e.pid = 7;
  e.kind = EventKind::exec;
  e.path = "/bin/sh";
  e.argv = {"sh", "-c", "curl x"};
  nlohmann::json j = e;
  CHECK(j == nlohmann::json{{"seq", 3},  {"time", 0.25},  {"pid", 7},
                            {"kind", "exec"}, {"path", "/bin/sh"}, {"argv", {"sh", "-c", "curl x"}}});
}

TEST_CASE("hostile bytes in an event become valid, capped UTF-8 in JSON") {
  Event e;
  e.kind = EventKind::sinkhole_data;
  e.data = std::string("GET /\xff\xc0\x80 ok\xed\xa0\x80") + std::string(10000, 'a');
  nlohmann::json j = e;
  const std::string data = j["data"];
  CHECK(data.rfind("GET /\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD ok\xEF\xBF\xBD", 0) == 0);
  CHECK(data.size() < 4200);
  CHECK(data.find("\xE2\x80\xA6") == data.size() - 3);
  CHECK_NOTHROW((void)j.dump());
}

TEST_CASE("text lines name the kind and the essentials on one line") {
  Event exec = make_event(EventKind::exec, 3, 0.012);
  exec.path = "/usr/bin/sh";
  exec.argv = {"sh", "-c", "curl x"};
  CHECK(to_text(exec) == "  0.012s pid 3 exec /usr/bin/sh [sh -c 'curl x']");

  Event open = make_event(EventKind::file_open, 4);
  open.path = "/home/user/.ssh/id_rsa";
  open.honeytoken = true;
  CHECK(to_text(open) == "  0.000s pid 4 file_open /home/user/.ssh/id_rsa flags=00 HONEYTOKEN");

  Event connect = make_event(EventKind::connect, 5);
  connect.address = "2001:db8::1";
  connect.port = 443;
  connect.protocol = "tcp";
  CHECK(to_text(connect) == "  0.000s pid 5 connect tcp [2001:db8::1]:443");

  Event data = make_event(EventKind::sinkhole_data, 0);
  data.address = "1.2.3.4";
  data.port = 80;
  data.protocol = "tcp";
  data.data = "GET / HTTP/1.1\r\nHost: x\r\n";
  data.detail = "http GET / host=x";
  CHECK(to_text(data) ==
        "  0.000s pid 0 sinkhole_data tcp 1.2.3.4:80 data=\"GET / HTTP/1.1\\r\\nHost: x\\r\\n\" "
        "http GET / host=x");

  Event kill = make_event(EventKind::signal, 6);
  kill.target_pid = 1;
  kill.flags = 9;
  CHECK(to_text(kill) == "  0.000s pid 6 signal target=1 sig=9");
}

TEST_CASE("every event kind has a name") {
  for (int k = 0; k <= static_cast<int>(EventKind::note); ++k)
    CHECK(std::string(to_string(static_cast<EventKind>(k))) != "unknown");
}

TEST_CASE("the log numbers events in order, stamps their time and drops past its bound") {
  EventLog log(100);
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t)
    writers.emplace_back([&log, t] {
      for (int i = 0; i < 40; ++i) log.add(make_event(EventKind::note, t));
    });
  for (auto& w : writers) w.join();
  auto events = log.snapshot();
  REQUIRE(events.size() == 100);
  CHECK(log.dropped() == 60);
  for (std::size_t i = 0; i < events.size(); ++i) {
    CHECK(events[i].seq == i + 1);
    if (i > 0) CHECK(events[i].time >= events[i - 1].time);
  }
}
