// Line framing, limits and deadlines on real pipes, without any server process.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include "scanner/mcp/server_pipes.h"

using namespace assay::mcp;
using std::chrono::milliseconds;

namespace {

// Pipes standing in for a server: the test writes to `server_stdout`, reads `server_stdin`.
struct FakeServer {
  UniqueFd server_stdin, server_stdout, server_stderr;
  ServerPipes pipes;

  static UniqueFd nonblocking(int fd) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    return UniqueFd(fd);
  }
  static ServerPipes make(FakeServer& s, ServerPipes::Limits limits) {
    int in[2], out[2], err[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(err, O_CLOEXEC) == 0);
    s.server_stdin = UniqueFd(in[0]);
    s.server_stdout = UniqueFd(out[1]);
    s.server_stderr = UniqueFd(err[1]);
    return ServerPipes(nonblocking(in[1]), nonblocking(out[0]), nonblocking(err[0]), limits);
  }
  explicit FakeServer(ServerPipes::Limits limits = {1024, 1 << 20, 1024}) : pipes(make(*this, limits)) {}

  void say(const std::string& bytes) { REQUIRE(::write(server_stdout.get(), bytes.data(), bytes.size()) == (ssize_t)bytes.size()); }
};

Clock::time_point soon() { return Clock::now() + milliseconds(200); }

}  // namespace

TEST_CASE("lines are split on newlines across writes, with a trailing CR dropped") {
  FakeServer s;
  s.say("{\"a\":1}\r\n{\"b\"");
  std::string line;
  REQUIRE(s.pipes.read_line(line, soon()) == ServerPipes::ReadStatus::line);
  CHECK(line == "{\"a\":1}");
  CHECK(s.pipes.read_line(line, Clock::now() + milliseconds(20)) == ServerPipes::ReadStatus::timed_out);
  s.say(":2}\n");
  REQUIRE(s.pipes.read_line(line, soon()) == ServerPipes::ReadStatus::line);
  CHECK(line == "{\"b\":2}");
}

TEST_CASE("an unterminated last line is returned at end of stream, then end of stream") {
  FakeServer s;
  s.say("tail");
  s.server_stdout.reset();
  std::string line;
  REQUIRE(s.pipes.read_line(line, soon()) == ServerPipes::ReadStatus::line);
  CHECK(line == "tail");
  CHECK(s.pipes.read_line(line, soon()) == ServerPipes::ReadStatus::end_of_stream);
}

TEST_CASE("a line longer than the limit is an error even before its newline arrives") {
  FakeServer s({1024, 1 << 20, 1024});
  s.say(std::string(2000, 'x'));
  std::string line;
  CHECK_THROWS_AS(s.pipes.read_line(line, soon()), PipeLimitExceeded);
}

TEST_CASE("more stdout bytes than the total limit is an error") {
  FakeServer s({1024, 100, 1024});
  for (int i = 0; i < 20; ++i) s.say("{\"n\":1}\n");
  std::string line;
  CHECK_THROWS_AS(
      [&] {
        while (s.pipes.read_line(line, soon()) == ServerPipes::ReadStatus::line) {
        }
      }(),
      PipeLimitExceeded);
}

TEST_CASE("stderr is drained into the tail while waiting for stdout") {
  FakeServer s;
  std::string noise(60000, 'e');
  REQUIRE(::write(s.server_stderr.get(), noise.data(), noise.size()) == (ssize_t)noise.size());
  std::string line;
  CHECK(s.pipes.read_line(line, Clock::now() + milliseconds(50)) == ServerPipes::ReadStatus::timed_out);
  CHECK(s.pipes.stderr_tail().total_bytes() == noise.size());
  CHECK(s.pipes.stderr_tail().text().size() == 1024);
}

TEST_CASE("writing to a server that closed its stdin reports closed instead of raising SIGPIPE") {
  FakeServer s;
  s.server_stdin.reset();
  CHECK(s.pipes.write_all("{\"jsonrpc\":\"2.0\"}\n", soon()) == ServerPipes::WriteStatus::closed);
}

TEST_CASE("writing to a server that never reads times out at the deadline") {
  FakeServer s;
  std::string big(1 << 20, 'x');
  auto start = Clock::now();
  CHECK(s.pipes.write_all(big, Clock::now() + milliseconds(100)) == ServerPipes::WriteStatus::timed_out);
  CHECK(Clock::now() - start < milliseconds(1000));
}
